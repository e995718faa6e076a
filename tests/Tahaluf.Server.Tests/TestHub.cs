using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Hub;

namespace Tahaluf.Server.Tests;

/// <summary>
/// A real hub server on 127.0.0.1 (random port) with a fake clock, over a temp SQLite file, or over a fresh
/// schema of the throwaway PostgreSQL cluster when <c>TAHALUF_TEST_STORE=postgres</c> (test.sh runs the suite both ways).
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2015, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private const string AdminToken = "test-admin-token";
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private TestHub(HubServer server, string dataDir, FakeTimeProvider clock)
    {
        Server = server;
        DataDir = dataDir;
        Clock = clock;
        Admin = Client(AdminToken);
    }

    public HubServer Server { get; }

    public string DataDir { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; } = new();

    public static async Task<TestHub> StartAsync(TimeSpan? ackWindow = null, string? dataDir = null, Tahaluf.Cot.Gateway.CotGatewayOptions? cot = null, bool postgres = false)
    {
        dataDir ??= Directory.CreateTempSubdirectory("tahaluf-hub-").FullName;
        var clock = new FakeTimeProvider(Start);
        var server = await HubServer.StartAsync(new ServerSettings
        {
            Urls = "http://127.0.0.1:0",
            DataDir = dataDir,
            PostgresConnection = await PostgresForAsync(dataDir, postgres),
            AdminToken = AdminToken,
            Time = clock,
            Hub = new HubOptions { AckWindow = ackWindow ?? TimeSpan.FromSeconds(120) },
            Cot = cot,
        }, CancellationToken.None);
        var hub = new TestHub(server, dataDir, clock);
        hub.Anonymous.BaseAddress = new Uri(server.Urls[0]);
        return hub;
    }

    /// <summary>Whether this run keeps hubs in PostgreSQL (<c>TAHALUF_TEST_STORE=postgres</c>).</summary>
    public static bool OnPostgres => Environment.GetEnvironmentVariable("TAHALUF_TEST_STORE") == "postgres";

    /// <summary>
    /// Null on SQLite; on PostgreSQL a connection string into the schema of this data directory (created on
    /// first use and remembered in the directory, so a restart on the same directory finds the same data).
    /// </summary>
    public static async Task<string?> PostgresForAsync(string dataDir, bool always = false)
    {
        if (!OnPostgres && !always)
        {
            return null;
        }

        var admin = Environment.GetEnvironmentVariable("TAHALUF_TEST_PG");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException("TAHALUF_TEST_STORE=postgres needs TAHALUF_TEST_PG (a superuser connection string); ./test.sh sets both.");
        }

        var file = Path.Combine(dataDir, "pg-schema");
        if (!File.Exists(file))
        {
            var name = "h_" + Guid.NewGuid().ToString("N")[..16];
            await ExecuteAsync(admin, $"CREATE SCHEMA {name}");
            await File.WriteAllTextAsync(file, name);
        }

        var schema = (await File.ReadAllTextAsync(file)).Trim();
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { SearchPath = schema, MaxPoolSize = 10 }.ConnectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.Urls[0]), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client of another server of the same hub, with the token this hub's client for <paramref name="partner"/> uses.</summary>
    public HttpClient ClientOf(HubServer other, string partner)
    {
        var token = _clients[partner].DefaultRequestHeaders.Authorization!.Parameter!;
        var client = new HttpClient { BaseAddress = new Uri(other.Urls[0]), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Partner(string id) => _clients[id];

    /// <summary>Registers partners (member unless listed as observers) and keeps a client per partner.</summary>
    public async Task AddPartnersAsync(string[] members, params string[] observers)
    {
        foreach (var (id, role) in members.Select(m => (m, "member")).Concat(observers.Select(o => (o, "observer"))))
        {
            var response = await Admin.PutAsync("/api/v1/admin/partners/" + id, Json($$"""{"names":{"en":"{{id}}"},"role":"{{role}}"}"""));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _clients[id] = Client(doc.RootElement.GetProperty("token").GetString()!);
        }
    }

    public async Task AgreeAsync(string owner, string recipient, string kind, string level)
    {
        var response = await Admin.PutAsync($"/api/v1/admin/agreements/{owner}/{recipient}", Json($$"""{"{{kind}}":"{{level}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>An F3548 Volume4D: a square of side <paramref name="sideKm"/> centred at a point.</summary>
    public static string Square(double lat, double lng, double sideKm = 10, double lowerM = 5000, double upperM = 7000, int startMin = 60, int endMin = 180)
    {
        var dLat = sideKm / 2 / 111.32;
        var dLng = dLat / Math.Cos(lat * Math.PI / 180);
        string V(double a, double b) => string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":{a},\"lng\":{b}}}");
        var start = Start.AddMinutes(startMin).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var end = Start.AddMinutes(endMin).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var ring = string.Join(",", V(lat - dLat, lng - dLng), V(lat - dLat, lng + dLng), V(lat + dLat, lng + dLng), V(lat + dLat, lng - dLng));
        return "{\"volume\":{\"outline_polygon\":{\"vertices\":[" + ring + "]},"
            + Altitude("altitude_lower", lowerM) + "," + Altitude("altitude_upper", upperM) + "},"
            + "\"time_start\":{\"value\":\"" + start + "\",\"format\":\"RFC3339\"},"
            + "\"time_end\":{\"value\":\"" + end + "\",\"format\":\"RFC3339\"}}";
    }

    private static string Altitude(string name, double m) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            "{{name}}":{"value":{{m}},"reference":"W84","units":"M"}
            """);

    public static string Operation(string volume, string state = "active", string extra = "") =>
        "{\"state\":\"" + state + "\",\"volumes\":[" + volume + "],\"category\":\"patrol\",\"callsigns\":[\"FALCON1\",\"FALCON2\"],\"aircraft_count\":2,\"remarks\":\"secret remark\"" + extra + "}";

    public static string Zone(string volume, string kind = "border_warning_zone", string extra = "") =>
        "{\"state\":\"active\",\"zone_kind\":\"" + kind + "\",\"name\":\"Hidden zone name\",\"volumes\":[" + volume + "]" + extra + "}";

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

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
        var schemaFile = Path.Combine(DataDir, "pg-schema");
        if (File.Exists(schemaFile))
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Environment.GetEnvironmentVariable("TAHALUF_TEST_PG")!, $"DROP SCHEMA IF EXISTS {(await File.ReadAllTextAsync(schemaFile)).Trim()} CASCADE");
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
