using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub;
using Tahaluf.Scenarios.Loading;
using Tahaluf.Scenarios.Replay;
using Tahaluf.Scenarios.Timing;
using Tahaluf.Server;

namespace Tahaluf.Scenarios.Tests;

/// <summary>
/// The Syria 2015 scenario replayed once into a real hub (SQLite, HTTP on a random port) by stepping the simulated
/// clock, with observations taken at the moments the outcomes are about.
/// </summary>
public sealed class SyriaReplay : IAsyncLifetime
{
    public static readonly DateTimeOffset Entry = new(2015, 11, 24, 7, 24, 5, TimeSpan.Zero);
    public static readonly DateTimeOffset AgreementTime = new(2015, 11, 26, 18, 0, 0, TimeSpan.Zero);

    private string _dataDir = "";

    public HubServer Server { get; private set; } = null!;

    public HubService Hub => Server.Hub;

    public ScenarioRunner Runner { get; private set; } = null!;

    public SimulatedClock Clock { get; private set; } = null!;

    public HttpClient Anonymous { get; } = new();

    /// <summary>Fort ring centre (lat, lng) seen by RU at two times, and Moskva's position then.</summary>
    public List<(DateTimeOffset At, LatLng Fort, LatLng Moskva)> FortSamples { get; } = [];

    /// <summary>Whether FR could read RU's S-400 zone and RU FR's Rafale operation just before the agreement.</summary>
    public (bool FrSeesS400, bool RuSeesRafale) BeforeAgreement { get; private set; }

    public async Task InitializeAsync()
    {
        var (scenario, errors) = ScenarioLoader.Load(ScenarioPaths.Syria, "turkish");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        _dataDir = Directory.CreateTempSubdirectory("tahaluf-scenario-").FullName;
        Clock = new SimulatedClock(scenario!.File.Clock.Start, 0);
        Server = await HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = _dataDir, AdminToken = "scenario-test-admin", Time = Clock }, CancellationToken.None);
        Anonymous.BaseAddress = new Uri(Server.Urls[0]);
        Runner = new ScenarioRunner(Server, scenario, Clock);
        await Runner.RegisterAsync(CancellationToken.None);

        foreach (var at in new[] { new DateTimeOffset(2015, 11, 25, 6, 5, 0, TimeSpan.Zero), new DateTimeOffset(2015, 11, 25, 18, 0, 0, TimeSpan.Zero) })
        {
            await Runner.AdvanceToAsync(at, CancellationToken.None);
            var fort = (Zone)Hub.Present(Hub.Snapshot.Item(ItemKind.Zone, "ru-fort")!.Item);
            FortSamples.Add((at, ((CircleFootprint)fort.Volumes[0].Footprint).Center, Hub.Tracks.Get("moskva")!.Position));
        }

        await Runner.AdvanceToAsync(AgreementTime.AddMinutes(-1), CancellationToken.None);
        BeforeAgreement = (Hub.GetItem("FR", ItemKind.Zone, "ru-s400", out _) is not null, Hub.GetItem("RU", ItemKind.Operation, "fr-rafale-raqqa-1", out _) is not null);
        await Runner.AdvanceToAsync(scenario.File.Clock.End, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
