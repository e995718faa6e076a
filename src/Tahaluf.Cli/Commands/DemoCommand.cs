using System.CommandLine;
using Tahaluf.Scenarios.Loading;
using Tahaluf.Scenarios.Replay;
using Tahaluf.Scenarios.Timing;
using Tahaluf.Server;

namespace Tahaluf.Cli.Commands;

/// <summary>
/// <c>tahaluf demo</c>: starts a hub on SQLite, loads the Syria 2015 scenario (or another), prints the page address
/// and one sign-in token per partner, replays it on a simulated clock, and keeps the hub running until Ctrl+C.
/// </summary>
public static class DemoCommand
{
    /// <summary>The scenario shipped with the binaries.</summary>
    public static string DefaultScenario => Path.Combine(AppContext.BaseDirectory, "scenarios", "syria-2015", "scenario.json");

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var speed = new Option<double?>("--speed") { Description = "Simulated seconds per real second for every replayed window (default: the scenario's schedule, about a minute in all). Quiet hours between windows are always skipped." };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 for the page and the API.", DefaultValueFactory = _ => 5080 };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for the SQLite database (default: a fresh temporary directory)." };
        var version = new Option<string?>("--version") { Description = "Which version of the Su-24M track to replay: turkish or russian (default: the scenario's default, turkish)." };
        var scenarioPath = new Option<string>("--scenario") { Description = "Scenario file.", DefaultValueFactory = _ => DefaultScenario };
        var command = new Command("demo", "Replay the Syria, 24–26 November 2015 scenario into a fresh hub and keep it running until Ctrl+C.")
        {
            speed, port, dataDir, version, scenarioPath,
        };
        command.SetAction(async (parse, ct) =>
        {
            var speedValue = parse.GetValue(speed);
            var portValue = parse.GetValue(port);
            if (speedValue is { } s && (!double.IsFinite(s) || s <= 0 || s > 100_000))
            {
                await Console.Error.WriteLineAsync("tahaluf demo: --speed must be in (0, 100000]").ConfigureAwait(false);
                return 2;
            }

            if (portValue is < 1 or > 65535)
            {
                await Console.Error.WriteLineAsync("tahaluf demo: --port must be in [1, 65535]").ConfigureAwait(false);
                return 2;
            }

            var (scenario, errors) = ScenarioLoader.Load(parse.GetValue(scenarioPath)!, parse.GetValue(version));
            if (scenario is null)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("tahaluf demo: " + error.Message).ConfigureAwait(false);
                }

                return 2;
            }

            if (speedValue is { } uniform)
            {
                var clockSpec = scenario.File.Clock;
                scenario = scenario with
                {
                    File = scenario.File with { Clock = clockSpec with { Speed = uniform, Segments = [.. clockSpec.Segments.Select(x => x with { Speed = uniform })] } },
                };
            }

            var dir = parse.GetValue(dataDir) ?? Directory.CreateTempSubdirectory("tahaluf-demo-").FullName;
            var clock = new SimulatedClock(scenario.File.Clock.Start, 0);
            await using var server = await HubServer.StartAsync(new ServerSettings
            {
                Urls = $"http://127.0.0.1:{portValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                DataDir = dir,
                Time = clock,
            }, ct).ConfigureAwait(false);
            var runner = new ScenarioRunner(server.Hub, scenario, clock, Console.Out);
            await runner.RegisterAsync(ct).ConfigureAwait(false);

            Console.WriteLine($"Tahaluf demo: {scenario.File.Name}{(scenario.Variant is null ? "" : $" ({scenario.Variant} version of the Su-24M track)")}");
            Console.WriteLine($"Page: http://127.0.0.1:{portValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");
            Console.WriteLine($"Data: {dir} (admin token in admin.token)");
            Console.WriteLine("Sign-in tokens:");
            foreach (var (id, token) in runner.Tokens)
            {
                Console.WriteLine($"  {id,-5} {token}");
            }

            Console.WriteLine("Replaying; press Ctrl+C to stop.");

            // The web host takes Ctrl+C for itself; stop the replay as soon as the host begins to stop.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var shutdown = server.WaitForShutdownAsync(ct).ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                await runner.RunAsync(stop.Token).ConfigureAwait(false);
                foreach (var refusal in runner.Refusals)
                {
                    Console.WriteLine("refused: " + refusal);
                }

                clock.Speed = 1;
                Console.WriteLine("Replay finished; the hub keeps running in simulated time at real speed. Ctrl+C to stop.");
                await shutdown.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.WriteLine("Stopped.");
            }

            return 0;
        });
        return command;
    }
}
