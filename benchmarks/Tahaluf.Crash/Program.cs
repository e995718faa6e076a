using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tahaluf.Cli.Ledger;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Crash;

/// <summary>
/// Crash harness (issue 8): runs <c>tahaluf serve</c> processes on 127.0.0.1 (SQLite, or PostgreSQL with one or two
/// instances), writes declarations that conflict in pairs from two partners with webhooks, kills a hub with SIGKILL
/// mid-load (the leader, with two instances), restarts it, and checks after each round: every write that got a 2xx
/// is there; the new checkpoint is signed by the hub and consistent with the last one seen before the kill; every
/// notification reached its partner's webhook (outbox drained) with a valid signature; how many deliveries repeated
/// an id (the receiver de-duplicates). Bounded: rounds × (write time + restart + drain ≤ 60 s). Exit code 1 on loss.
///   Tahaluf.Crash --store sqlite|postgres [--instances 1|2] [--rounds 20] [--write-seconds 1.5] [--pg CONNECTION]
/// </summary>
public static class Program
{
    private const string Admin = "crash-admin";
    private static string s_reader = "";
    private static readonly DateTimeOffset Start = new(2015, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        var store = Arg(args, "--store", "sqlite");
        var instances = int.Parse(Arg(args, "--instances", "1"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg(args, "--rounds", "20"), CultureInfo.InvariantCulture);
        var writeSeconds = double.Parse(Arg(args, "--write-seconds", "1.5"), CultureInfo.InvariantCulture);
        var pg = Arg(args, "--pg", Environment.GetEnvironmentVariable("TAHALUF_TEST_PG") ?? "");
        var outage = double.Parse(Arg(args, "--outage-seconds", "0"), CultureInfo.InvariantCulture);
        var fanout = int.Parse(Arg(args, "--fanout", "0"), CultureInfo.InvariantCulture);
        if (store is not ("sqlite" or "postgres") || instances is < 1 or > 2 || (store == "sqlite" && instances != 1) || rounds < 1)
        {
            Console.Error.WriteLine("usage: Tahaluf.Crash --store sqlite|postgres [--instances 1|2 (postgres)] [--rounds N] [--write-seconds S] [--pg CONNECTION]");
            return 2;
        }

        var cli = FindCli();
        var dir = Directory.CreateTempSubdirectory("tahaluf-crash-").FullName;
        string? connection = null;
        if (store == "postgres")
        {
            if (pg.Length == 0)
            {
                Console.Error.WriteLine("--store postgres needs --pg or TAHALUF_TEST_PG (a superuser connection string)");
                return 2;
            }

            var schema = "crash_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new Npgsql.NpgsqlConnection(pg))
            {
                await admin.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
                await create.ExecuteNonQueryAsync();
            }

            connection = new Npgsql.NpgsqlConnectionStringBuilder(pg) { SearchPath = schema }.ConnectionString;
        }

        var label = store == "sqlite" ? "SQLite" : $"PostgreSQL, {instances} instance(s)";
        Console.WriteLine($"# crash harness: {label}, {rounds} rounds of {writeSeconds} s writes then kill -9, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var hubs = Enumerable.Range(1, instances).Select(i => new HubProcess(cli, dir, Admin, connection, "hub" + i)).ToList();
        await using var receiver = await WebhookReceiver.StartAsync();
        var totals = new Totals();
        try
        {
            foreach (var hub in hubs)
            {
                await hub.StartAsync();
            }

            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var admin = Client(hubs[0], Admin))
            {
                foreach (var partner in new[] { "RU", "TR" })
                {
                    var response = await admin.PutAsync(new Uri("/api/v1/admin/partners/" + partner, UriKind.Relative), Json("{\"names\":{\"en\":\"" + partner + "\"}}"));
                    response.EnsureSuccessStatusCode();
                    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    tokens[partner] = doc.RootElement.GetProperty("token").GetString()!;
                }

            }

            s_reader = tokens["RU"];
            using (var reader = Client(hubs[0], s_reader))
            {
                receiver.Key = NoteVerifier.Parse((await reader.GetStringAsync(new Uri("/api/v1/ledger/key", UriKind.Relative))).Trim()).Value;
            }

            await Task.Delay(1000); // the second instance learns the partners
            foreach (var (partner, token) in tokens)
            {
                using var client = Client(hubs[0], token);
                (await client.PutAsync(new Uri("/api/v1/me/webhook", UriKind.Relative), Json("{\"url\":\"" + receiver.Url(partner) + "\"}"))).EnsureSuccessStatusCode();
            }

            if (outage > 0)
            {
                return await OutageAsync(hubs[0], tokens, receiver, outage, label);
            }

            if (fanout > 0)
            {
                return await FanoutAsync(hubs, tokens, fanout, label);
            }

            var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            string? lastCheckpoint = null;
            for (var round = 1; round <= rounds; round++)
            {
                var victim = hubs[0];
                if (hubs.Count > 1)
                {
                    victim = await LeaderAsync(hubs) ?? hubs[0];
                }

                using var stop = new CancellationTokenSource();
                var counter = 0;
                var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
                {
                    var owner = w % 2 == 0 ? "RU" : "TR";
                    var clients = hubs.Select(h => Client(h, tokens[owner])).ToList();
                    while (!stop.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref counter);
                        var id = string.Create(CultureInfo.InvariantCulture, $"{owner.ToLowerInvariant()}-{round}-{n}");
                        var cell = n / 2;
                        var body = Operation(20 + (cell % 40), 10 + (cell / 40 % 100) + (owner == "TR" ? 0.02 : 0));
                        try
                        {
                            var response = await clients[n % clients.Count].PutAsync(new Uri("/api/v1/operations/" + id, UriKind.Relative), Json(body));
                            if (response.IsSuccessStatusCode)
                            {
                                acknowledged[id] = owner;
                                Interlocked.Increment(ref totals.Acknowledged);
                            }
                            else
                            {
                                Interlocked.Increment(ref totals.Refused);
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            Interlocked.Increment(ref totals.Unanswered);
                        }
                    }

                    clients.ForEach(c => c.Dispose());
                })).ToList();

                await Task.Delay(TimeSpan.FromSeconds(writeSeconds * 0.6));
                lastCheckpoint = await CheckpointAsync(victim) ?? lastCheckpoint;
                await Task.Delay(TimeSpan.FromSeconds(writeSeconds * 0.4 * Random.Shared.NextDouble()));
                await victim.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                var restart = Stopwatch.StartNew();
                await victim.StartAsync();
                restart.Stop();

                // Every acknowledged write is there (read as its owner through the restarted instance).
                var missing = 0;
                foreach (var (id, owner) in acknowledged)
                {
                    using var client = Client(victim, tokens[owner]);
                    if ((await client.GetAsync(new Uri("/api/v1/operations/" + id, UriKind.Relative))).StatusCode != HttpStatusCode.OK)
                    {
                        missing++;
                    }
                }

                totals.Lost += missing;

                // The log only grew: the new checkpoint verifies and is consistent with the last one seen before the kill.
                var ledger = await LedgerVerdictAsync(victim, receiver.Key!, lastCheckpoint);
                if (ledger is not null)
                {
                    totals.LedgerFailures++;
                    Console.WriteLine($"round {round}: ledger: {ledger}");
                }

                lastCheckpoint = await CheckpointAsync(victim) ?? lastCheckpoint;

                // The outbox drains: every notification of each partner reaches its webhook.
                var drain = Stopwatch.StartNew();
                var undelivered = await UndeliveredAsync(victim, tokens, receiver);
                while (undelivered > 0 && drain.Elapsed < TimeSpan.FromSeconds(45))
                {
                    await Task.Delay(500);
                    undelivered = await UndeliveredAsync(victim, tokens, receiver);
                }

                totals.Undelivered += undelivered;
                var repeats = receiver.Deliveries.Values.Sum(d => d.Values.Sum(c => c - 1));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round,2}: killed {victim.Name}; acknowledged so far {acknowledged.Count}, missing {missing}; restart {restart.Elapsed.TotalSeconds:F1} s; ledger {(ledger is null ? "consistent" : "INCONSISTENT")}; outbox drained in {drain.Elapsed.TotalSeconds:F1} s ({undelivered} undelivered); repeated deliveries so far {repeats}"));
            }

            var distinct = receiver.Deliveries.Values.Sum(d => d.Count);
            var raw = receiver.Deliveries.Values.Sum(d => d.Values.Sum());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crash {label}: {rounds} kills; writes acknowledged {totals.Acknowledged}, refused {totals.Refused}, unanswered (in flight at the kill, or sent to the dead instance) {totals.Unanswered}; acknowledged but missing {totals.Lost}; ledger inconsistencies {totals.LedgerFailures}; notifications undelivered {totals.Undelivered}; webhook deliveries {raw} for {distinct} ids ({raw - distinct} repeats, each id processed once by the de-duplicating receiver); bad signatures {receiver.BadSignatures}"));
            return totals.Lost == 0 && totals.LedgerFailures == 0 && totals.Undelivered == 0 && receiver.BadSignatures == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }

            if (connection is not null)
            {
                await using var admin = new Npgsql.NpgsqlConnection(pg);
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {new Npgsql.NpgsqlConnectionStringBuilder(connection).SearchPath} CASCADE", admin);
                await drop.ExecuteNonQueryAsync();
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // Partner outage: both partners' receivers are down while conflicting declarations keep coming; afterwards every
    // notification must arrive, each partner's in event order.
    private static async Task<int> OutageAsync(HubProcess hub, Dictionary<string, string> tokens, WebhookReceiver receiver, double seconds, string label)
    {
        Console.WriteLine($"# partner outage: webhook receivers down for {seconds:F0} s under load ({label})");
        await receiver.StopAsync();
        var watch = Stopwatch.StartNew();
        var counter = 0;
        long acknowledged = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var owner = w % 2 == 0 ? "RU" : "TR";
            using var client = Client(hub, tokens[owner]);
            while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var n = Interlocked.Increment(ref counter);
                var cell = n / 2;
                var body = Operation(20 + (cell % 40), 10 + (cell / 40 % 100) + (owner == "TR" ? 0.02 : 0));
                if ((await client.PutAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/v1/operations/{owner.ToLowerInvariant()}-o-{n}"), UriKind.Relative), Json(body))).IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref acknowledged);
                }

                await Task.Delay(50);
            }
        })).ToList();
        var nextReport = TimeSpan.FromSeconds(30);
        while (!Task.WhenAll(writers).IsCompleted)
        {
            await Task.Delay(1000);
            if (watch.Elapsed >= nextReport)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds:F0} s: {Interlocked.Read(ref acknowledged)} declarations accepted, receivers still down"));
                nextReport += TimeSpan.FromSeconds(30);
            }
        }

        await Task.WhenAll(writers);
        var pending = await UndeliveredAsync(hub, tokens, receiver);
        await receiver.RestartAsync();
        var drain = Stopwatch.StartNew();
        var undelivered = pending;
        while (undelivered > 0 && drain.Elapsed < TimeSpan.FromSeconds(180))
        {
            await Task.Delay(500);
            undelivered = await UndeliveredAsync(hub, tokens, receiver);
        }

        var outOfOrder = receiver.Sequences.Values.Sum(list =>
        {
            lock (list)
            {
                return list.Zip(list.Skip(1)).Count(p => p.Second <= p.First);
            }
        });
        var raw = receiver.Deliveries.Values.Sum(d => d.Values.Sum());
        var distinct = receiver.Deliveries.Values.Sum(d => d.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outage {label}: receivers down {seconds:F0} s; {acknowledged} declarations accepted meanwhile; {pending} notifications waiting at the end of the outage; after the receivers came back all but {undelivered} arrived in {drain.Elapsed.TotalSeconds:F1} s; out of order {outOfOrder}; deliveries {raw} for {distinct} ids; bad signatures {receiver.BadSignatures}"));
        return undelivered == 0 && outOfOrder == 0 && receiver.BadSignatures == 0 ? 0 : 1;
    }

    // Feed fan-out between instances: a declaration PUT through the first instance, measured from the moment its
    // 2xx arrived to the moment its event arrives on a feed (SSE) opened on the last instance.
    private static async Task<int> FanoutAsync(List<HubProcess> hubs, Dictionary<string, string> tokens, int count, string label)
    {
        using var feedClient = Client(hubs[^1], tokens["RU"]);
        feedClient.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await feedClient.GetAsync(new Uri("/api/v1/feed", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var arrived = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var listen = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var at = Stopwatch.GetTimestamp();
                var i = line.IndexOf("fan-", StringComparison.Ordinal);
                if (line.StartsWith("data:", StringComparison.Ordinal) && i >= 0)
                {
                    var end = line.IndexOf('"', i);
                    arrived.TryAdd(line[i..(end < 0 ? line.Length : end)], at);
                }
            }
        });
        using var writer = Client(hubs[0], tokens["RU"]);
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var n = 0; n < count; n++)
        {
            var id = "fan-" + n.ToString(CultureInfo.InvariantCulture);
            (await writer.PutAsync(new Uri("/api/v1/operations/" + id, UriKind.Relative), Json(Operation(-30 + (n % 50), -60 + (n / 50))))).EnsureSuccessStatusCode();
            sent[id] = Stopwatch.GetTimestamp();
            await Task.Delay(100);
        }

        var watch = Stopwatch.StartNew();
        while (arrived.Count < count && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        var latencies = sent.Where(p => arrived.ContainsKey(p.Key)).Select(p => Math.Max(0, Stopwatch.GetElapsedTime(p.Value, arrived[p.Key]).TotalMilliseconds)).Order().ToList();
        double Pct(double q) => latencies.Count == 0 ? double.NaN : latencies[(int)((latencies.Count - 1) * q)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fanout {label}: {count} declarations through {hubs[0].Name}, feed on {hubs[^1].Name}: {latencies.Count} arrived; from the 2xx to the event: p50 {Pct(0.5):F1} ms, p99 {Pct(0.99):F1} ms, max {Pct(1):F1} ms"));
        return latencies.Count == count && Pct(0.99) < 200 ? 0 : 1;
    }

    private sealed class Totals
    {
        public long Acknowledged;
        public long Refused;
        public long Unanswered;
        public long Lost;
        public long LedgerFailures;
        public long Undelivered;
    }

    private static async Task<HubProcess?> LeaderAsync(List<HubProcess> hubs)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var hub in hubs)
            {
                using var client = Client(hub, Admin);
                try
                {
                    using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
                    if (doc.RootElement.GetProperty("leader").GetBoolean())
                    {
                        return hub;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static async Task<string?> CheckpointAsync(HubProcess hub)
    {
        using var client = Client(hub, s_reader);
        try
        {
            return await client.GetStringAsync(new Uri("/api/v1/ledger/checkpoint", UriKind.Relative));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<string?> LedgerVerdictAsync(HubProcess hub, NoteVerifier key, string? last)
    {
        using var client = Client(hub, s_reader);
        var next = await client.GetStringAsync(new Uri("/api/v1/ledger/checkpoint", UriKind.Relative));
        return await WitnessCheck.CheckAsync(last, next, key, async (from, to) =>
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/api/v1/ledger/proofs/consistency?from={from}&to={to}"), UriKind.Relative)));
            return [.. doc.RootElement.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64())];
        });
    }

    // Notification ids the hub holds for each partner that its webhook has not received yet.
    private static async Task<int> UndeliveredAsync(HubProcess hub, Dictionary<string, string> tokens, WebhookReceiver receiver)
    {
        var count = 0;
        foreach (var (partner, token) in tokens)
        {
            using var client = Client(hub, token);
            var delivered = receiver.Deliveries.GetValueOrDefault(partner);
            string? after = null;
            while (true)
            {
                var path = "/api/v1/notifications?limit=1000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
                using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
                foreach (var n in doc.RootElement.GetProperty("notifications").EnumerateArray())
                {
                    if (delivered is null || !delivered.ContainsKey(n.GetProperty("id").GetString()!))
                    {
                        count++;
                    }
                }

                if (doc.RootElement.GetProperty("next_cursor").ValueKind != JsonValueKind.String)
                {
                    break;
                }

                after = doc.RootElement.GetProperty("next_cursor").GetString();
            }
        }

        return count;
    }

    private static HttpClient Client(HubProcess hub, string token)
    {
        var client = new HttpClient { BaseAddress = hub.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Operation(double lat, double lng)
    {
        var d = 0.05;
        string V(double a, double b) => string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":{a},\"lng\":{b}}}");
        var ring = string.Join(",", V(lat - d, lng - d), V(lat - d, lng + d), V(lat + d, lng + d), V(lat + d, lng - d));
        var start = Start.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var end = Start.AddHours(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return "{\"state\":\"active\",\"category\":\"patrol\",\"volumes\":[{\"volume\":{\"outline_polygon\":{\"vertices\":[" + ring + "]},"
            + "\"altitude_lower\":{\"value\":5000,\"reference\":\"W84\",\"units\":\"M\"},\"altitude_upper\":{\"value\":7000,\"reference\":\"W84\",\"units\":\"M\"}},"
            + "\"time_start\":{\"value\":\"" + start + "\",\"format\":\"RFC3339\"},\"time_end\":{\"value\":\"" + end + "\",\"format\":\"RFC3339\"}}]}";
    }

    private static string Arg(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    private static string FindCli()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tahaluf.slnx")))
        {
            dir = dir.Parent;
        }

        var cli = dir is null ? null : Path.Combine(dir.FullName, "src", "Tahaluf.Cli", "bin", "Release", "net10.0", "tahaluf.dll");
        return cli is not null && File.Exists(cli)
            ? cli
            : throw new FileNotFoundException("Build the CLI first: dotnet build -c Release src/Tahaluf.Cli");
    }
}
