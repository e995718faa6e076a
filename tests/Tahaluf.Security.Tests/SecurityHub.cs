using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Cot.Gateway;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Server;

namespace Tahaluf.Security.Tests;

/// <summary>A real hub server on 127.0.0.1 (random port, temp SQLite file, fake clock), with a CoT plain port bound to P0.</summary>
internal sealed class SecurityHub : IAsyncDisposable
{
    public const string AdminToken = "security-admin-token";
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private SecurityHub(HubServer server, string dataDir, FakeTimeProvider clock)
    {
        Server = server;
        DataDir = dataDir;
        Clock = clock;
        Admin = Client(AdminToken);
        Anonymous = new HttpClient { BaseAddress = new Uri(server.Urls[0]) };
    }

    public HubServer Server { get; }

    public string DataDir { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    public IReadOnlyDictionary<string, HttpClient> Partners => _clients;

    public static async Task<SecurityHub> StartAsync(string cotPartner = "P0")
    {
        // tmpfs when there is one: these worlds test release, not durability, and fsync would dominate.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dataDir = Directory.CreateDirectory(Path.Combine(root, "tahaluf-security-" + Guid.NewGuid().ToString("N"))).FullName;
        var clock = new FakeTimeProvider(World.Start);
        var server = await HubServer.StartAsync(new ServerSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDir = dataDir,
            AdminToken = AdminToken,
            Time = clock,
            Hub = WorldScript.Options,
            RequestsPerSecondPerPartner = 100_000,
            Webhooks = new WebhookOptions
            {
                AllowLoopbackHttp = true,
                RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                RetryMaxDelay = TimeSpan.FromMilliseconds(200),
                AttemptTimeout = TimeSpan.FromSeconds(2),
            },
            Cot = new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), PlainPartner = cotPartner, TimeProvider = clock },
        }, CancellationToken.None);
        return new SecurityHub(server, dataDir, clock);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Urls[0]), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> AddPartnerAsync(string id, bool observer)
    {
        var response = await Admin.PutAsync("/api/v1/admin/partners/" + id, Json($$"""{"names":{"en":"{{id}}"},"role":"{{(observer ? "observer" : "member")}}"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("token").GetString()!;
        _clients[id] = Client(token);
        return token;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }

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
