using System.Net;
using System.Text;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests;

/// <summary>HTTP contract: concurrency, idempotency, errors with stable codes, authentication and authorization.</summary>
public sealed class ApiContractTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync();
        await _hub.AddPartnersAsync(["RU", "TR"], "CIV");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = await ReadJsonAsync(response);
        return doc.RootElement.GetProperty("code").GetString();
    }

    [Fact]
    public async Task Put_SameBodyTwice_IsOneVersion()
    {
        var body = Operation(Square(35, 36));
        var first = await _hub.Partner("RU").PutAsync("/api/v1/operations/op-1", Json(body));
        var second = await _hub.Partner("RU").PutAsync("/api/v1/operations/op-1", Json(body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("\"1\"", second.Headers.ETag?.Tag);
        using var history = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations/op-1/history"));
        Assert.Single(history.RootElement.GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Put_StaleIfMatch_Is412AndCurrentIfMatchSucceeds()
    {
        await _hub.Partner("RU").PutAsync("/api/v1/operations/op-1", Json(Operation(Square(35, 36))));
        var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/operations/op-1") { Content = Json(Operation(Square(35.1, 36))) };
        update.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var ok = await _hub.Partner("RU").SendAsync(update);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.Headers.ETag?.Tag);

        var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/operations/op-1") { Content = Json(Operation(Square(35.2, 36))) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var refused = await _hub.Partner("RU").SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("concurrency.stale_version", await CodeAsync(refused));

        using var current = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations/op-1"));
        Assert.Equal(2, current.RootElement.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("{not json", "request.malformed_body")]
    [InlineData("[]", "request.malformed_body")]
    [InlineData("{\"state\":\"active\"}", "request.missing_field")]
    [InlineData("{\"state\":\"flying\",\"volumes\":[]}", null)]
    [InlineData("{\"volumes\":[{\"volume\":{\"outline_circle\":{\"center\":{\"lat\":136,\"lng\":35},\"radius\":{\"value\":1000,\"units\":\"M\"}},\"altitude_lower\":{\"value\":0,\"reference\":\"W84\",\"units\":\"M\"},\"altitude_upper\":{\"value\":10,\"reference\":\"W84\",\"units\":\"M\"}},\"time_start\":{\"value\":\"2015-11-24T07:00:00Z\",\"format\":\"RFC3339\"},\"time_end\":{\"value\":\"2015-11-24T08:00:00Z\",\"format\":\"RFC3339\"}}]}", "geometry.")]
    [InlineData("{\"volumes\":[{\"volume\":{\"outline_circle\":{\"center\":{\"lat\":36,\"lng\":35},\"radius\":{\"value\":1000,\"units\":\"M\"}},\"altitude_lower\":{\"value\":0,\"reference\":\"AGL\",\"units\":\"M\"},\"altitude_upper\":{\"value\":10,\"reference\":\"W84\",\"units\":\"M\"}},\"time_start\":{\"value\":\"2015-11-24T07:00:00Z\",\"format\":\"RFC3339\"},\"time_end\":{\"value\":\"2015-11-24T08:00:00Z\",\"format\":\"RFC3339\"}}]}", "geometry.")]
    public async Task Put_BadBody_Is400WithAStableCode(string body, string? codePrefix)
    {
        var response = await _hub.Partner("RU").PutAsync("/api/v1/operations/bad", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var code = await CodeAsync(response);
        Assert.False(string.IsNullOrEmpty(code));
        if (codePrefix is not null)
        {
            Assert.StartsWith(codePrefix, code, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("RU").GetAsync("/api/v1/operations/bad")).StatusCode);
    }

    [Fact]
    public async Task Put_InvalidUtf8InsideAString_Is400AndNothingStored()
    {
        // Found by fuzzing: the JSON parser checks string contents only when they are read.
        var body = Encoding.UTF8.GetBytes(Operation(Square(35, 36)).Replace("secret remark", "bad \u0001", StringComparison.Ordinal));
        var at = Array.IndexOf(body, (byte)1);
        body[at] = 0xC3; // a lead byte without its continuation
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await _hub.Partner("RU").PutAsync("/api/v1/operations/utf8", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.malformed_body", await CodeAsync(response));
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("RU").GetAsync("/api/v1/operations/utf8")).StatusCode);
    }

    [Fact]
    public async Task Put_InvalidId_Is400()
    {
        var response = await _hub.Partner("RU").PutAsync("/api/v1/operations/has%20space", Json(Operation(Square(35, 36))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.invalid_id", await CodeAsync(response));
    }

    [Fact]
    public async Task Get_UnknownId_Is404()
    {
        var response = await _hub.Partner("RU").GetAsync("/api/v1/zones/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("resource.not_found", await CodeAsync(response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task AnyApi_WithoutAValidToken_Is401(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await _hub.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.unauthenticated", await CodeAsync(response));
    }

    [Fact]
    public async Task Put_AnotherPartnersItem_Is404AndChangesNothing()
    {
        await _hub.Partner("RU").PutAsync("/api/v1/operations/op-ru", Json(Operation(Square(35, 36))));
        var response = await _hub.Partner("TR").PutAsync("/api/v1/operations/op-ru", Json(Operation(Square(40, 30))));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("TR").DeleteAsync("/api/v1/operations/op-ru")).StatusCode);
        using var current = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations/op-ru"));
        Assert.Equal(1, current.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("active", current.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Put_Observer_Is403()
    {
        var response = await _hub.Partner("CIV").PutAsync("/api/v1/zones/civ-zone", Json(Zone(Square(35, 36))));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.read_only_partner", await CodeAsync(response));
    }

    [Fact]
    public async Task Admin_PartnerCredential_Is403AndAdminCredentialWorks()
    {
        var response = await _hub.Partner("RU").PutAsync("/api/v1/admin/agreements/RU/TR", Json("""{"operation":"full"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _hub.Admin.GetAsync("/api/v1/admin/partners/RU")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _hub.Admin.GetAsync("/api/v1/me")).StatusCode);
        var duplicate = await _hub.Admin.PutAsync("/api/v1/admin/partners/RU", Json("""{"names":{"en":"again"}}"""));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task Put_OversizedBody_Is413()
    {
        var huge = "{\"remarks\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        // Expect: 100-continue lets the server refuse before the client sends 5 MiB into a closed socket.
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/operations/huge") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;
        var response = await _hub.Partner("RU").SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Put_BodyShorterThanItsContentLength_IsRefused_StoresNothing_AndTheServerGoesOn()
    {
        // A raw request: 200 bytes announced, 18 sent, then the client stops sending (and still listens). Kestrel
        // dropped such a connection (a reset) in every run seen; whatever comes back, never a 2xx.
        var uri = _hub.Anonymous.BaseAddress!;
        var token = _hub.Partner("RU").DefaultRequestHeaders.Authorization!.Parameter;
        var answer = "";
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(uri.Host, uri.Port);
            var stream = client.GetStream();
            var head = "PUT /api/v1/operations/cut HTTP/1.1\r\nHost: " + uri.Authority + "\r\nAuthorization: Bearer " + token +
                "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"state\":\"planned\"";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            client.Client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                answer = await new StreamReader(stream).ReadToEndAsync(timeout.Token);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException)
            {
                // Reset by the server.
            }
        }

        Assert.DoesNotMatch("^HTTP/1.1 2", answer);
        Assert.Equal(HttpStatusCode.NotFound, (await _hub.Partner("RU").GetAsync("/api/v1/operations/cut")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync("/api/v1/operations/cut", Json(Operation(Square(35, 36))))).StatusCode);
    }

    [Fact]
    public async Task Me_ShowsAgreementsInAndOut()
    {
        await _hub.AgreeAsync("RU", "TR", "zone", "envelope");
        using var me = await ReadJsonAsync(await _hub.Partner("TR").GetAsync("/api/v1/me"));
        Assert.Equal("TR", me.RootElement.GetProperty("id").GetString());
        var incoming = Assert.Single(me.RootElement.GetProperty("agreements_in").EnumerateArray());
        Assert.Equal(("RU", "zone", "envelope"), (incoming.GetProperty("owner").GetString(), incoming.GetProperty("kind").GetString(), incoming.GetProperty("level").GetString()));
        Assert.Empty(me.RootElement.GetProperty("agreements_out").EnumerateArray());
    }

    [Fact]
    public async Task OpenApiAndHealth_AreServedWithoutAToken()
    {
        var healthResponse = await _hub.Anonymous.GetAsync("/healthz");
        Assert.Equal("2015-11-24T06:00:00Z", healthResponse.Headers.GetValues("Tahaluf-Time").Single());
        using var health = await ReadJsonAsync(healthResponse);
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, health.RootElement.GetProperty("store_maintenance").ValueKind);
        var reference = await _hub.Anonymous.GetStringAsync("/api/");
        Assert.Contains("Tahaluf API reference", reference, StringComparison.Ordinal);
        using var openapi = await ReadJsonAsync(await _hub.Anonymous.GetAsync("/openapi/v1.json"));
        var paths = openapi.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/me", "/api/v1/operations/{id}", "/api/v1/zones", "/api/v1/notifications/{id}/ack", "/api/v1/feed", "/api/v1/conflicts", "/api/v1/tracks", "/api/v1/ledger/checkpoint", "/api/v1/receipts/{entry}", "/public/v1/civil-feed" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Fact]
    public async Task Restart_RebuildsStateAndConflictsFromTheStore()
    {
        await _hub.Partner("TR").PutAsync("/api/v1/zones/z", Json(Zone(Square(35, 36, lowerM: 0, upperM: 15000, startMin: 0, endMin: 600))));
        var dataDir = _hub.DataDir;
        var ruToken = _hub.Partner("RU").DefaultRequestHeaders.Authorization!.Parameter!;
        await _hub.Server.DisposeAsync();

        var server = await Tahaluf.Server.HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = dataDir, AdminToken = "x", PostgresConnection = await PostgresForAsync(dataDir) }, CancellationToken.None);
        await using (server)
        {
            using var ru = new HttpClient { BaseAddress = new Uri(server.Urls[0]) };
            ru.DefaultRequestHeaders.Authorization = new("Bearer", ruToken);
            Assert.Equal(HttpStatusCode.Created, (await ru.PutAsync("/api/v1/operations/after-restart", Json(Operation(Square(35, 36))))).StatusCode);
            using var notes = await ReadJsonAsync(await ru.GetAsync("/api/v1/notifications"));
            Assert.Contains(notes.RootElement.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("type").GetString() == "conflict");
        }

        _hub = await StartAsync();
    }

    [Fact]
    public async Task List_FiltersAndCursor_SelectAndPage()
    {
        await _hub.Partner("RU").PutAsync("/api/v1/operations/a-north", Json(Operation(Square(40, 30, startMin: 60, endMin: 120))));
        await _hub.Partner("RU").PutAsync("/api/v1/operations/b-south", Json(Operation(Square(30, 30, startMin: 600, endMin: 700))));
        await _hub.Partner("RU").PutAsync("/api/v1/operations/c-planned", Json(Operation(Square(30, 31), state: "planned")));

        async Task<string[]> Ids(string query)
        {
            using var doc = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations" + query));
            return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        }

        Assert.Equal(["a-north"], await Ids("?bbox=29,39,31,41"));
        Assert.Equal(["b-south"], await Ids("?from=2015-11-24T09:00:00Z"));
        Assert.Equal(["a-north", "c-planned"], await Ids("?to=2015-11-24T09:00:00Z"));
        Assert.Equal(["c-planned"], await Ids("?state=planned"));
        Assert.Empty(await Ids("?owner=TR"));
        Assert.Equal(["a-north"], await Ids("?limit=1"));
        Assert.Equal(["b-south"], await Ids("?limit=1&cursor=a-north"));
        var bad = await _hub.Partner("RU").GetAsync("/api/v1/operations?bbox=1,2,3");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("request.invalid_field", await CodeAsync(bad));
    }

    [Fact]
    public async Task Put_NonAsciiText_IsAnsweredAsUtf8JsonWithTheExactLength()
    {
        const string Remarks = "دورية حدودية — Sınır devriyesi";
        var response = await _hub.Partner("RU").PutAsync("/api/v1/operations/op-utf8", Json(Operation(Square(35, 36)).Replace("secret remark", Remarks, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        using var doc = System.Text.Json.JsonDocument.Parse(bytes);
        Assert.Equal(Remarks, doc.RootElement.GetProperty("remarks").GetString());

        var get = await _hub.Partner("RU").GetAsync("/api/v1/operations/op-utf8");
        var getBytes = await get.Content.ReadAsByteArrayAsync();
        Assert.Equal(getBytes.Length, get.Content.Headers.ContentLength);
        using var got = System.Text.Json.JsonDocument.Parse(getBytes);
        Assert.Equal(Remarks, got.RootElement.GetProperty("remarks").GetString());
    }

    [Fact]
    public async Task WriterMeter_AfterAcceptedWrites_CountsRequestsBatchesAndBusyTime()
    {
        var seen = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Tahaluf.Hub.Writing.WriterStats.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => { lock (seen) { seen[i.Name] = Math.Max(seen.GetValueOrDefault(i.Name), value); } });
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => { lock (seen) { seen[i.Name] = Math.Max(seen.GetValueOrDefault(i.Name), value); } });
        listener.Start();

        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _hub.Partner("RU").PutAsync($"/api/v1/operations/m-{k}", Json(Operation(Square(35 + k, 36))))).StatusCode);
        }

        listener.RecordObservableInstruments();

        // Other hubs of this test run publish the same meter: at least this hub's three writes are counted.
        Assert.True(seen.GetValueOrDefault("tahaluf.writer.requests") >= 3, string.Join(", ", seen));
        Assert.True(seen.GetValueOrDefault("tahaluf.writer.batches") >= 1);
        Assert.True(seen.GetValueOrDefault("tahaluf.writer.busy") > 0);
        Assert.True(seen.GetValueOrDefault("tahaluf.writer.phase") > 0);
    }
}
