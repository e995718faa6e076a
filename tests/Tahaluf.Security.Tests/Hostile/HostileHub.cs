using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Cot.Gateway;
using Tahaluf.Domain.Items;
using Tahaluf.Hub.State;
using Tahaluf.Server;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// A real hub on 127.0.0.1 for hostile-input tests: temp SQLite file, fake clock, two member partners <c>A</c>
/// and <c>B</c>, a CoT plain port speaking for <c>A</c>, and settings the test may tighten (body limit, timeouts).
/// </summary>
internal sealed class HostileHub : IAsyncDisposable
{
    public const string AdminToken = "hostile-admin-token";
    private int _wellBehaved;

    private HostileHub(HubServer server, string dataDir, FakeTimeProvider clock)
    {
        Server = server;
        DataDir = dataDir;
        Clock = clock;
        Admin = Client(AdminToken);
        Anonymous = new HttpClient { BaseAddress = new Uri(server.Urls[0]), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HubServer Server { get; }

    public string DataDir { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    public string TokenA { get; private set; } = "";

    public Uri BaseAddress => new(Server.Urls[0]);

    public IPEndPoint CotEndpoint => Server.Cot!.Gateway.PlainEndpoint!;

    public static async Task<HostileHub> StartAsync(Func<ServerSettings, ServerSettings>? configure = null, Func<CotGatewayOptions, CotGatewayOptions>? cot = null)
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dataDir = Directory.CreateDirectory(Path.Combine(root, "tahaluf-hostile-" + Guid.NewGuid().ToString("N"))).FullName;
        var clock = new FakeTimeProvider(World.Start);
        var gateway = new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), PlainPartner = "PA", TimeProvider = clock };
        var settings = new ServerSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDir = dataDir,
            AdminToken = AdminToken,
            Time = clock,
            Hub = WorldScript.Options,
            RequestsPerSecondPerPartner = 100_000,
            Cot = cot is null ? gateway : cot(gateway),
        };
        var server = await HubServer.StartAsync(configure is null ? settings : configure(settings), CancellationToken.None);
        var hub = new HostileHub(server, dataDir, clock);
        hub.TokenA = await hub.AddPartnerAsync("PA");
        hub.A = hub.Client(hub.TokenA);
        hub.B = hub.Client(await hub.AddPartnerAsync("PB"));
        return hub;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> AddPartnerAsync(string id, string extra = "")
    {
        var response = await Admin.PutAsync("/api/v1/admin/partners/" + id, Json($$"""{"names":{"en":"{{id}}"},"role":"member"{{extra}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Number of ledger entries and stored items: what "nothing was stored" compares.</summary>
    public (long Ledger, int Items, int Tracks) Footprint()
    {
        var items = 0;
        foreach (var kind in new[] { ItemKind.Operation, ItemKind.Zone, ItemKind.Report })
        {
            foreach (var owner in new[] { "PA", "PB" })
            {
                items += Server.Hub.ListItems(owner, kind, new ItemFilter(Owner: owner, Limit: 1000)).Items.Count;
            }
        }

        return (Server.Hub.Ledger.Size, items, Server.Hub.Tracks.All.Count);
    }

    /// <summary>Partner B declares an operation and reads it back: the server still serves a well-behaved partner.</summary>
    public async Task AssertServesWellBehavedPartnerAsync()
    {
        var id = "b-good-" + Interlocked.Increment(ref _wellBehaved).ToString(CultureInfo.InvariantCulture);
        var put = await B.PutAsync("/api/v1/operations/" + id, Json(Bodies.Operation(Bodies.Square(35.0, 36.0))));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var get = await B.GetAsync("/api/v1/operations/" + id);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    /// <summary>A CoT client of partner A that sends a position and sees it become a track.</summary>
    public async Task AssertCotServesAsync(string uid)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(CotEndpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Bodies.CotPosition(uid)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Server.Hub.Tracks.Get(uid) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal("PA", Server.Hub.Tracks.Get(uid)?.Owner);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(code, doc.RootElement.GetProperty("code").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        Admin.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
