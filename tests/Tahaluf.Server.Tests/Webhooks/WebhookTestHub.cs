using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Hub;
using Tahaluf.Hub.Webhooks;

namespace Tahaluf.Server.Tests.Webhooks;

/// <summary>
/// A hub server with webhook delivery for tests: loopback HTTP allowed, short retry delays, a fake hub clock;
/// SQLite, or PostgreSQL when <c>TAHALUF_TEST_STORE=postgres</c>. Can be restarted on the same data directory.
/// </summary>
public sealed class WebhookTestHub : IAsyncDisposable
{
    private const string AdminToken = "test-admin-token";
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly List<HttpClient> _clients = [];

    private readonly bool _postgres;

    private WebhookTestHub(string dataDir, bool postgres)
    {
        DataDir = dataDir;
        _postgres = postgres;
    }

    public static WebhookOptions Options { get; } = new()
    {
        AllowLoopbackHttp = true,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        RefreshInterval = TimeSpan.FromMilliseconds(200),
    };

    public string DataDir { get; }

    public FakeTimeProvider Clock { get; } = new(TestHub.Start);

    public HubServer Server { get; private set; } = null!;

    /// <summary>Starts a hub; <paramref name="postgres"/> forces PostgreSQL (needs <c>TAHALUF_TEST_PG</c>).</summary>
    public static async Task<WebhookTestHub> StartAsync(bool postgres = false)
    {
        var hub = new WebhookTestHub(Directory.CreateTempSubdirectory("tahaluf-webhooks-").FullName, postgres);
        hub.Server = await hub.StartServerAsync();
        return hub;
    }

    /// <summary>Another instance of the same hub (same data directory and PostgreSQL schema); the caller disposes it.</summary>
    public Task<HubServer> StartInstanceAsync() => StartServerAsync();

    /// <summary>A client of <paramref name="server"/> (another instance) for a partner; null for the admin.</summary>
    public HttpClient ClientOf(HubServer server, string? partner)
    {
        var client = Client(partner);
        client.BaseAddress = new Uri(server.Urls[0]);
        return client;
    }

    /// <summary>Stops the server (as a clean shutdown) and starts a new one on the same data.</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        Server = await StartServerAsync();
    }

    public HttpClient Client(string? partner)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Urls[0]), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partner is null ? AdminToken : _tokens[partner]);
        _clients.Add(client);
        return client;
    }

    public async Task AddPartnersAsync(params string[] ids)
    {
        var admin = Client(null);
        foreach (var id in ids)
        {
            var response = await admin.PutAsync("/api/v1/admin/partners/" + id, TestHub.Json($$"""{"names":{"en":"{{id}}"},"role":"member"}"""));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _tokens[id] = doc.RootElement.GetProperty("token").GetString()!;
        }
    }

    public async Task AgreeAsync(string owner, string recipient, string kind, string level)
    {
        var response = await Client(null).PutAsync($"/api/v1/admin/agreements/{owner}/{recipient}", TestHub.Json($$"""{"{{kind}}":"{{level}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<HttpResponseMessage> RegisterAsync(string partner, string url) =>
        await Client(partner).PutAsync("/api/v1/me/webhook", TestHub.Json(JsonSerializer.Serialize(new { url })));

    /// <summary>Declares an operation of <paramref name="owner"/> far from everything else (no conflicts).</summary>
    public async Task DeclareAsync(string owner, string id, double lat = 34.0, double lng = 38.0)
    {
        var response = await Client(owner).PutAsync("/api/v1/operations/" + id, TestHub.Json(TestHub.Operation(TestHub.Square(lat, lng, sideKm: 2))));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<JsonElement> StatusAsync(string partner)
    {
        var response = await Client(partner).GetAsync("/api/v1/me/webhook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var schemaFile = Path.Combine(DataDir, "pg-schema");
        if (File.Exists(schemaFile))
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TAHALUF_TEST_PG")) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {(await File.ReadAllTextAsync(schemaFile)).Trim()} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<HubServer> StartServerAsync()
    {
        return await HubServer.StartAsync(new ServerSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDir = DataDir,
            PostgresConnection = await TestHub.PostgresForAsync(DataDir, _postgres),
            AdminToken = AdminToken,
            Time = Clock,
            Hub = new HubOptions { AckWindow = TimeSpan.FromSeconds(120), LeadershipRetry = TimeSpan.FromMilliseconds(200) },
            Webhooks = Options,
        }, CancellationToken.None);
    }
}
