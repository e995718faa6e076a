using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Scenarios.Loading;
using Tahaluf.Scenarios.Replay;
using Tahaluf.Scenarios.Timing;
using Tahaluf.Server;

namespace Tahaluf.Scenarios.Tests;

/// <summary>The Russian version of the Su-24M track, against the same border zone.</summary>
public sealed class RussianVersionReplayTests
{
    [Fact]
    public async Task Replay_RussianVersion_StillAlertsTheBorderBandButTrackStaysInSyria()
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria, "russian");
        Assert.Empty(errors);
        var dir = Directory.CreateTempSubdirectory("tahaluf-scenario-ru-").FullName;
        var clock = new SimulatedClock(scenario!.File.Clock.Start, 0);
        await using (var server = await HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = dir, AdminToken = "ru-admin", Time = clock }, CancellationToken.None))
        {
            var runner = new ScenarioRunner(server.Hub, scenario, clock);
            await runner.RegisterAsync(CancellationToken.None);
            await runner.AdvanceToAsync(new DateTimeOffset(2015, 11, 24, 7, 24, 5, TimeSpan.Zero), CancellationToken.None);

            var track = server.Hub.Tracks.Get("su24m-1")!;
            Assert.Equal(6000, track.AltitudeM, 3);
            var alerts = server.Hub.Snapshot.Conflicts.Values.Where(c => c.Source == ConflictSource.Predicted
                && new[] { c.A.Item, c.B.Item }.Any(i => i.Kind == ItemKind.Track && i.Id == "su24m-1")
                && new[] { c.A.Item, c.B.Item }.Any(i => i.Kind == ItemKind.Zone && i.Id == "tr-border-warning")).ToList();
            Assert.NotEmpty(alerts);
            Assert.Contains(server.Hub.Snapshot.Notifications.Values, n => n.Recipient == "RU" && n.ConflictId == alerts[0].Id);
            Assert.Empty(runner.Refusals);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
