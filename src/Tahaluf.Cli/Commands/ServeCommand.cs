using System.CommandLine;
using Tahaluf.Hub;
using Tahaluf.Server;

namespace Tahaluf.Cli.Commands;

/// <summary><c>tahaluf serve</c>: runs the hub on the embedded SQLite store.</summary>
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
        var command = new Command("serve", "Run the hub (HTTP API, live feed) on the embedded SQLite store until stopped with Ctrl+C.")
        {
            dataDir, urls, admin, ack,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ackWindow = parse.GetValue(ack);
            if (!double.IsFinite(ackWindow) || ackWindow <= 0 || ackWindow > 86_400)
            {
                await Console.Error.WriteLineAsync("tahaluf serve: --ack-window-s must be between 0 and 86400 seconds").ConfigureAwait(false);
                return 2;
            }

            var settings = new ServerSettings
            {
                DataDir = parse.GetValue(dataDir)!,
                Urls = parse.GetValue(urls)!,
                AdminToken = parse.GetValue(admin) ?? Environment.GetEnvironmentVariable("TAHALUF_ADMIN_TOKEN"),
                Hub = new HubOptions { AckWindow = TimeSpan.FromSeconds(ackWindow) },
            };
            await using var server = await HubServer.StartAsync(settings, ct).ConfigureAwait(false);
            Console.WriteLine($"Tahaluf hub listening on {string.Join(", ", server.Urls)}");
            Console.WriteLine($"Data: {Path.GetFullPath(settings.DataDir)}");
            Console.WriteLine(settings.AdminToken is null
                ? $"Admin token: in {Path.Combine(Path.GetFullPath(settings.DataDir), "admin.token")}"
                : "Admin token: as given");
            Console.WriteLine("Press Ctrl+C to stop.");
            await server.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
