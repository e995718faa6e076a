using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Tahaluf.Security.Tests;

/// <summary>
/// Every endpoint of the API × every kind of caller, with the exact status each must get. The table is compared
/// with the server's OpenAPI document, so an endpoint added without a row here fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Op = """{"state":"active","volumes":[{"volume":{"outline_polygon":{"vertices":[{"lat":35.40,"lng":36.00},{"lat":35.40,"lng":36.10},{"lat":35.50,"lng":36.10},{"lat":35.50,"lng":36.00}]},"altitude_lower":{"value":5000,"reference":"W84","units":"M"},"altitude_upper":{"value":7000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-24T07:00:00Z","format":"RFC3339"},"time_end":{"value":"2015-11-24T09:00:00Z","format":"RFC3339"}}],"remarks":"matrix"}""";
    private const string Report = """{"text":"matrix report","language":"en"}""";
    private SecurityHub _hub = null!;
    private string _notification = "";
    private string _conflict = "";
    private int _fresh;

    /// <summary>The callers, in the order of the expected-status columns.</summary>
    public enum Who
    {
        NoToken,
        InvalidToken,
        WrongPartner,
        Observer,
        Owner,
        Admin,
    }

    public async Task InitializeAsync()
    {
        _hub = await SecurityHub.StartAsync();
        foreach (var (id, observer) in new[] { ("RU", false), ("TR", false), ("US", false), ("CIV", true) })
        {
            await _hub.AddPartnerAsync(id, observer);
        }

        foreach (var (owner, kind, id, body) in new[] { ("RU", "operations", "ru-op", Op), ("US", "operations", "us-op", Op), ("RU", "zones", "ru-zone", Op.Replace("\"remarks\":\"matrix\"", "\"zone_kind\":\"restricted_area\"", StringComparison.Ordinal)), ("RU", "reports", "ru-rep", Report) })
        {
            var response = await _hub.Partners[owner].PutAsync($"/api/v1/{kind}/{id}", SecurityHub.Json(body));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var track = await _hub.Partners["RU"].PostAsync("/api/v1/tracks", SecurityHub.Json("""{"reports":[{"id":"ru-trk","time":"2015-11-24T05:59:59Z","lat":35.0,"lon":36.0,"altitude_m":3000}]}"""));
        Assert.Equal(HttpStatusCode.OK, track.StatusCode);
        var conflict = _hub.Server.Hub.Snapshot.Conflicts.Values.Single(c => new[] { c.A.Item.Id, c.B.Item.Id }.Order(StringComparer.Ordinal).SequenceEqual(["ru-op", "us-op"]));
        _conflict = conflict.Id;
        _notification = _hub.Server.Hub.ListNotifications("RU", null, 100).Single(n => n.Notification.ConflictId == _conflict).Notification.Id;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private sealed record Row(string Method, string Template, Func<AuthorizationMatrixTests, string> Path, string? Body, int[] Expected);

    private const int U = 401;
    private const int F = 403;
    private const int N = 404;

    private static Row R(string method, string template, string? body, params int[] expected) => new(method, template, _ => template, body, expected);

    private static Row R(string method, string template, Func<AuthorizationMatrixTests, string> path, string? body, params int[] expected) => new(method, template, path, body, expected);

    // Columns: no token, invalid token, wrong partner (TR: not released, not a party), observer (CIV), owner (RU), admin.
    private static readonly Row[] Table =
    [
        R("GET", "/api/v1/me", null, U, U, 200, 200, 200, F),
        R("PUT", "/api/v1/me/webhook", """{"url":"https://hooks.example.org/tahaluf"}""", U, U, 201, 201, 201, F),
        R("GET", "/api/v1/me/webhook", null, U, U, 200, 200, 200, F),
        R("DELETE", "/api/v1/me/webhook", null, U, U, 204, 204, 204, F),
        R("GET", "/api/v1/operations", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/operations/{id}", _ => "/api/v1/operations/ru-op", null, U, U, N, N, 200, F),
        R("PUT", "/api/v1/operations/{id}", _ => "/api/v1/operations/ru-op", Op, U, U, N, F, 200, F),
        R("DELETE", "/api/v1/operations/{id}", _ => "/api/v1/operations/ru-op-del", null, U, U, N, F, 200, F),
        R("GET", "/api/v1/operations/{id}/history", _ => "/api/v1/operations/ru-op/history", null, U, U, N, N, 200, F),
        R("GET", "/api/v1/zones", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/zones/{id}", _ => "/api/v1/zones/ru-zone", null, U, U, N, N, 200, F),
        R("PUT", "/api/v1/zones/{id}", _ => "/api/v1/zones/ru-zone", Op.Replace("\"remarks\":\"matrix\"", "\"zone_kind\":\"restricted_area\"", StringComparison.Ordinal), U, U, N, F, 200, F),
        R("DELETE", "/api/v1/zones/{id}", _ => "/api/v1/zones/ru-zone", null, U, U, N, F, 200, F),
        R("GET", "/api/v1/zones/{id}/history", _ => "/api/v1/zones/ru-zone/history", null, U, U, N, N, 200, F),
        R("GET", "/api/v1/reports", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/reports/{id}", _ => "/api/v1/reports/ru-rep", null, U, U, N, N, 200, F),
        R("PUT", "/api/v1/reports/{id}", _ => "/api/v1/reports/ru-rep", Report, U, U, N, F, 200, F),
        R("DELETE", "/api/v1/reports/{id}", _ => "/api/v1/reports/ru-rep", null, U, U, N, F, 200, F),
        R("GET", "/api/v1/reports/{id}/history", _ => "/api/v1/reports/ru-rep/history", null, U, U, N, N, 200, F),
        R("GET", "/api/v1/tracks", null, U, U, 200, 200, 200, F),
        R("POST", "/api/v1/tracks", """{"reports":[{"id":"ru-trk","time":"2015-11-24T06:00:00Z","lat":35.0,"lon":36.0,"altitude_m":3000}]}""", U, U, 200, F, 200, F),
        R("GET", "/api/v1/tracks/{id}/history", _ => "/api/v1/tracks/ru-trk/history", null, U, U, N, N, 200, F),
        R("GET", "/api/v1/conflicts", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/conflicts/{id}", t => "/api/v1/conflicts/" + t._conflict, null, U, U, N, N, 200, F),
        R("GET", "/api/v1/notifications", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/notifications/{id}", t => "/api/v1/notifications/" + t._notification, null, U, U, N, N, 200, F),
        R("POST", "/api/v1/notifications/{id}/ack", t => $"/api/v1/notifications/{t._notification}/ack", null, U, U, N, N, 200, F),
        R("GET", "/api/v1/feed", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/ledger/checkpoint", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/ledger/key", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/ledger/entries/{index}", _ => "/api/v1/ledger/entries/0", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/ledger/proofs/inclusion", _ => "/api/v1/ledger/proofs/inclusion?index=0", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/ledger/proofs/consistency", _ => "/api/v1/ledger/proofs/consistency?from=1", null, U, U, 200, 200, 200, F),
        R("GET", "/api/v1/receipts/{entry}", _ => "/api/v1/receipts/0", null, U, U, 200, 200, 200, F),
        R("PUT", "/api/v1/admin/partners/{id}", t => "/api/v1/admin/partners/NEW" + (++t._fresh).ToString(CultureInfo.InvariantCulture), """{"names":{"en":"New"},"role":"member"}""", U, U, F, F, F, 201),
        R("GET", "/api/v1/admin/partners", null, U, U, F, F, F, 200),
        R("GET", "/api/v1/admin/partners/{id}", _ => "/api/v1/admin/partners/RU", null, U, U, F, F, F, 200),
        R("PUT", "/api/v1/admin/agreements/{owner}/{recipient}", _ => "/api/v1/admin/agreements/US/CIV", """{"report":"none"}""", U, U, F, F, F, 200),
        R("GET", "/api/v1/admin/agreements/{owner}/{recipient}", _ => "/api/v1/admin/agreements/RU/TR", null, U, U, F, F, F, 200),
        R("GET", "/api/v1/admin/cot", null, U, U, F, F, F, 200),
        R("GET", "/public/v1/civil-feed", null, 200, 200, 200, 200, 200, 200),
        R("GET", "/healthz", null, 200, 200, 200, 200, 200, 200),
    ];

    private HttpClient Caller(Who who) => who switch
    {
        Who.NoToken => _hub.Anonymous,
        Who.InvalidToken => _invalid ??= _hub.Client("not-a-real-token"),
        Who.WrongPartner => _hub.Partners["TR"],
        Who.Observer => _hub.Partners["CIV"],
        Who.Owner => _hub.Partners["RU"],
        _ => _hub.Admin,
    };

    private HttpClient? _invalid;

    [Fact]
    public async Task EveryEndpoint_EveryCaller_GetsExactlyTheExpectedStatus()
    {
        // DELETE of an operation ends it; give that row its own item so the conflict above stays open.
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partners["RU"].PutAsync("/api/v1/operations/ru-op-del", SecurityHub.Json(Op))).StatusCode);
        var wrong = new List<string>();
        foreach (var row in Table)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path(this));
                if (row.Body is not null)
                {
                    request.Content = SecurityHub.Json(row.Body);
                }

                using var response = await Caller(who).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var expected = row.Expected[(int)who];
                if ((int)response.StatusCode != expected)
                {
                    var body = row.Template == "/api/v1/feed" ? "" : await response.Content.ReadAsStringAsync();
                    wrong.Add($"{row.Method} {row.Template} as {who}: expected {expected}, got {(int)response.StatusCode} {(body.Length > 200 ? body[..200] : body)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Table_CoversEveryEndpointOfTheOpenApiDocument()
    {
        using var response = await _hub.Anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options"))
            {
                documented.Add(method.Name.ToUpperInvariant() + " " + path.Name);
            }
        }

        var table = new SortedSet<string>(Table.Select(r => r.Method + " " + r.Template), StringComparer.Ordinal);
        Assert.True(documented.SetEquals(table), $"missing from the table: [{string.Join(", ", documented.Except(table))}]; not in the API: [{string.Join(", ", table.Except(documented))}]");
        Assert.Equal(Table.Length, table.Count);
    }
}
