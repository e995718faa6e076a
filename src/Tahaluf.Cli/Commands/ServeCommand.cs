using System.CommandLine;
using Tahaluf.Hub;
using Tahaluf.Server;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf serve</c>: runs the hub on the embedded SQLite store, or on PostgreSQL (one or several instances).</summary>
public static class ServeCommand
{
    /// <summary>Default listen address.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for the SQLite database and the admin token (created if missing).", DefaultValueFactory = _ => ".tahaluf" };
        var urls = new Option<string>("--urls") { Description = "Listen address(es), ';'-separated.", DefaultValueFactory = _ => DefaultUrls };
        var admin = new Option<string?>("--admin-token") { Description = "Admin credential (default: $TAHALUF_ADMIN_TOKEN, else DATA_DIR/admin.token, created on first start)." };
        var ack = new Option<double>("--ack-window-s") { Description = "Seconds a partner has to acknowledge a conflict notification.", DefaultValueFactory = _ => 120 };
        var gather = new Option<double>("--commit-gather-ms") { Description = "Group commit on SQLite: while requests keep coming, the writer takes a new batch no sooner than this after the last one, unless 16 are already waiting (default 2; 0: at once).", DefaultValueFactory = _ => 2 };
        var cot = new Option<string>("--cot") { Description = "Plain-TCP Cursor-on-Target endpoint (loopback only makes sense: no authentication), or 'none'.", DefaultValueFactory = _ => "127.0.0.1:8087" };
        var cotPartner = new Option<string?>("--cot-partner") { Description = "The partner that plain-TCP CoT connections speak for (plain CoT is off without it)." };
        var cotTls = new Option<string?>("--cot-tls") { Description = "TLS CoT endpoint, e.g. 0.0.0.0:8089 (needs --cot-cert and --cot-client-ca)." };
        var cotCert = new Option<FileInfo?>("--cot-cert") { Description = "Server certificate with private key (PKCS#12) for TLS CoT." };
        var cotCa = new Option<FileInfo?>("--cot-client-ca") { Description = "CA certificate (PEM) that signs partners' client certificates; the certificate's CN is the partner id." };
        var cotMaxConnections = new Option<int>("--cot-max-connections") { Description = "CoT connections open at once over both endpoints; more are reset on arrival.", DefaultValueFactory = _ => 256 };
        var cotMaxPerPartner = new Option<int>("--cot-max-connections-per-partner") { Description = "CoT connections one partner may hold open at once.", DefaultValueFactory = _ => 32 };
        var cotMaxHandshakes = new Option<int>("--cot-max-handshakes-per-address") { Description = "TLS CoT handshakes one remote address may have under way at once; more are reset on arrival.", DefaultValueFactory = _ => 8 };
        var cotMaxRate = new Option<int>("--cot-max-rate") { Description = "CoT messages a connection may send per second (bursts up to that many); a faster sender is read no faster (TCP slows it down), nothing is dropped.", DefaultValueFactory = _ => 1000 };
        var cotMaxPartnerRate = new Option<int>("--cot-max-rate-per-partner") { Description = "CoT messages all of one partner's connections together may send per second; more connections do not multiply it. Past it the partner's connections are read no faster, nothing is dropped.", DefaultValueFactory = _ => 4000 };
        var store = new Option<string>("--store") { Description = "Where the data lives: 'sqlite' (embedded file in DATA_DIR) or 'postgres' (needs --connection; several instances may share one database).", DefaultValueFactory = _ => "sqlite" };
        var connection = new Option<string?>("--connection") { Description = "Npgsql connection string for --store postgres (default: $TAHALUF_PG)." };
        var webhookHttp = new Option<bool>("--webhook-allow-loopback-http") { Description = "Accept http:// webhook callbacks on 127.0.0.1/localhost (tests, local receivers); others must be https://." };
        var webhookMaxDelay = new Option<double>("--webhook-max-retry-delay-s") { Description = "Longest wait between two delivery attempts to a partner that is down.", DefaultValueFactory = _ => 30 };
        var webhookNetworks = new Option<string[]>("--webhook-allow-network") { Description = "A network (CIDR, e.g. 10.20.0.0/16) webhook callbacks may reach although it is not public; repeatable. Private, loopback, link-local and reserved addresses are refused otherwise.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("serve", "Run the hub (HTTP API, live feed) until stopped with Ctrl+C, on the embedded SQLite store or on PostgreSQL.")
        {
            dataDir, urls, admin, ack, gather, store, connection, webhookHttp, webhookMaxDelay, webhookNetworks, cot, cotPartner, cotTls, cotCert, cotCa, cotMaxConnections, cotMaxPerPartner, cotMaxHandshakes, cotMaxRate, cotMaxPartnerRate,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ackWindow = parse.GetValue(ack);
            if (!double.IsFinite(ackWindow) || ackWindow <= 0 || ackWindow > 86_400)
            {
                await Console.Error.WriteLineAsync("tahaluf serve: --ack-window-s must be between 0 and 86400 seconds").ConfigureAwait(false);
                return 2;
            }

            var gatherMs = parse.GetValue(gather);
            if (!double.IsFinite(gatherMs) || gatherMs < 0 || gatherMs > 100)
            {
                await Console.Error.WriteLineAsync("tahaluf serve: --commit-gather-ms must be between 0 and 100 milliseconds").ConfigureAwait(false);
                return 2;
            }

            foreach (var (option, value) in new[] { ("--cot-max-connections", parse.GetValue(cotMaxConnections)), ("--cot-max-connections-per-partner", parse.GetValue(cotMaxPerPartner)), ("--cot-max-handshakes-per-address", parse.GetValue(cotMaxHandshakes)), ("--cot-max-rate", parse.GetValue(cotMaxRate)), ("--cot-max-rate-per-partner", parse.GetValue(cotMaxPartnerRate)) })
            {
                if (value < 1)
                {
                    await Console.Error.WriteLineAsync($"tahaluf serve: {option} must be at least 1 (got {value})").ConfigureAwait(false);
                    return 2;
                }
            }

            string? postgres = null;
            switch (parse.GetValue(store))
            {
                case "sqlite":
                    break;
                case "postgres":
                    postgres = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("TAHALUF_PG");
                    if (string.IsNullOrWhiteSpace(postgres))
                    {
                        await Console.Error.WriteLineAsync("tahaluf serve: --store postgres needs --connection (or $TAHALUF_PG), e.g. \"Host=127.0.0.1;Port=5432;Username=tahaluf;Password=...;Database=tahaluf\"").ConfigureAwait(false);
                        return 2;
                    }

                    try
                    {
                        _ = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
                    }
                    catch (ArgumentException e)
                    {
                        await Console.Error.WriteLineAsync("tahaluf serve: --connection is not a valid connection string: " + e.Message).ConfigureAwait(false);
                        return 2;
                    }

                    break;
                case var other:
                    await Console.Error.WriteLineAsync($"tahaluf serve: --store '{other}' is not 'sqlite' or 'postgres'").ConfigureAwait(false);
                    return 2;
            }

            var networks = new List<System.Net.IPNetwork>();
            foreach (var text in parse.GetValue(webhookNetworks) ?? [])
            {
                if (!System.Net.IPNetwork.TryParse(text, out var network))
                {
                    await Console.Error.WriteLineAsync($"tahaluf serve: --webhook-allow-network '{text}' is not a network in CIDR notation, e.g. 10.20.0.0/16").ConfigureAwait(false);
                    return 2;
                }

                networks.Add(network);
            }

            var settings = new ServerSettings
            {
                DataDir = parse.GetValue(dataDir)!,
                PostgresConnection = postgres,
                Webhooks = new Tahaluf.Hub.Webhooks.WebhookOptions
                {
                    AllowLoopbackHttp = parse.GetValue(webhookHttp),
                    RetryMaxDelay = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(webhookMaxDelay), 1, 3600)),
                    AllowedNetworks = networks,
                },
                Urls = parse.GetValue(urls)!,
                AdminToken = parse.GetValue(admin) ?? Environment.GetEnvironmentVariable("TAHALUF_ADMIN_TOKEN"),
                Hub = new HubOptions { AckWindow = TimeSpan.FromSeconds(ackWindow), CommitGather = TimeSpan.FromMilliseconds(gatherMs) },
                Cot = CotOptions(parse.GetValue(cot)!, parse.GetValue(cotPartner), parse.GetValue(cotTls), parse.GetValue(cotCert), parse.GetValue(cotCa), out var cotError) is { } cotOptions
                    ? cotOptions with { MaxConnections = parse.GetValue(cotMaxConnections), MaxConnectionsPerPartner = parse.GetValue(cotMaxPerPartner), MaxHandshakesPerAddress = parse.GetValue(cotMaxHandshakes), MaxMessagesPerSecond = parse.GetValue(cotMaxRate), MaxMessagesPerSecondPerPartner = parse.GetValue(cotMaxPartnerRate) }
                    : null,
            };
            if (cotError is not null)
            {
                await Console.Error.WriteLineAsync("tahaluf serve: " + cotError).ConfigureAwait(false);
                return 2;
            }

            await using var server = await HubServer.StartAsync(settings, ct).ConfigureAwait(false);
            Console.WriteLine($"Tahaluf hub listening on {string.Join(", ", server.Urls)}");
            Console.WriteLine(postgres is null
                ? $"Data: {Path.GetFullPath(settings.DataDir)} (SQLite)"
                : $"Data: PostgreSQL {new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Password = null }.ConnectionString}; keys in {Path.GetFullPath(settings.DataDir)}");
            Console.WriteLine(settings.AdminToken is null
                ? $"Admin token: in {Path.Combine(Path.GetFullPath(settings.DataDir), "admin.token")}"
                : "Admin token: as given");
            if (server.Cot?.Gateway is { } gateway)
            {
                Console.WriteLine($"Cursor-on-Target: {(gateway.PlainEndpoint is { } p ? $"tcp://{p} (as {settings.Cot!.PlainPartner}) " : "")}{(gateway.TlsEndpoint is { } t ? $"tls://{t}" : "")}");
            }

            Console.WriteLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Tahaluf.Cot.Gateway.CotGatewayOptions? CotOptions(string plain, string? partner, string? tls, FileInfo? cert, FileInfo? ca, out string? error)
    {
        error = null;
        System.Net.IPEndPoint? plainEndpoint = null;
        if (plain != "none" && partner is not null)
        {
            if (!System.Net.IPEndPoint.TryParse(plain, out plainEndpoint))
            {
                error = $"--cot '{plain}' is not HOST:PORT";
                return null;
            }
        }

        System.Net.IPEndPoint? tlsEndpoint = null;
        System.Security.Cryptography.X509Certificates.X509Certificate2? serverCert = null;
        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? roots = null;
        if (tls is not null)
        {
            if (!System.Net.IPEndPoint.TryParse(tls, out tlsEndpoint) || cert is null || ca is null)
            {
                error = "--cot-tls needs HOST:PORT, --cot-cert and --cot-client-ca";
                return null;
            }

            serverCert = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(cert.FullName, null);
            roots = [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(ca.FullName))];
        }

        if (plainEndpoint is null && tlsEndpoint is null)
        {
            return null;
        }

        return new Tahaluf.Cot.Gateway.CotGatewayOptions
        {
            PlainEndpoint = plainEndpoint,
            PlainPartner = partner ?? "local",
            TlsEndpoint = tlsEndpoint,
            ServerCertificate = serverCert,
            TrustedClientRoots = roots,
            MapClientCertificate = tlsEndpoint is null ? null : c => c.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
        };
    }
}
