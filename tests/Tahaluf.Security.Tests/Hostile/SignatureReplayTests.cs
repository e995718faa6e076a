using System.Net;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Tahaluf.Hub.Signing;
using Tahaluf.Server;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// Signed declarations sign method, path, signing time and body digest: a captured request replayed is refused
/// (<c>signature.replayed</c> inside the freshness window, <c>signature.stale</c> after it), as is one moved to
/// another path; a fresh one is accepted and the ledger keeps the exact body with the bound signature.
/// </summary>
public sealed class SignatureReplayTests : IAsyncLifetime
{
    private HostileHub _hub = null!;
    private Key _key = null!;
    private HttpClient _signer = null!;

    public async Task InitializeAsync()
    {
        _hub = await HostileHub.StartAsync();
        _key = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = Convert.ToBase64String(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        _signer = _hub.Client(await _hub.AddPartnerAsync("PS", $$""","public_key":"{{publicKey}}" """));
    }

    public async Task DisposeAsync()
    {
        _signer.Dispose();
        _key.Dispose();
        await _hub.DisposeAsync();
    }

    private HttpRequestMessage Signed(string path, byte[] body, DateTimeOffset at, string? signedPath = null)
    {
        var time = Bodies.Rfc3339(at);
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, RequestSignature.RequestMessage("PUT", signedPath ?? path, time, body));
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(RequestSignature.Header, Convert.ToBase64String(signature));
        request.Headers.Add(RequestSignature.TimeHeader, time);
        return request;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage original)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Content = new ByteArrayContent(await original.Content!.ReadAsByteArrayAsync()) };
        copy.Content.Headers.ContentType = original.Content.Headers.ContentType;
        foreach (var (name, values) in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }

    [Fact]
    public async Task FreshSignedRequest_IsAccepted_AndTheLedgerKeepsTheExactBodyAndBoundSignature()
    {
        var body = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0)) + "\n");
        var response = await _signer.SendAsync(Signed("/api/v1/operations/signed", body, _hub.Clock.GetUtcNow().AddSeconds(-30)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var history = JsonDocument.Parse(await _signer.GetStringAsync("/api/v1/operations/signed/history"));
        var index = history.RootElement.GetProperty("versions")[0].GetProperty("ledger_index").GetInt64();
        using var entry = JsonDocument.Parse(await _signer.GetStringAsync($"/api/v1/ledger/entries/{index}"));
        var content = entry.RootElement.GetProperty("content").GetBytesFromBase64();
        var bound = entry.RootElement.GetProperty("entry").GetProperty("author_signature").GetBytesFromBase64();
        Assert.Equal(body, content);
        Assert.True(bound.Length > 64);
        Assert.Null(RequestSignature.Verify(_hub.Server.Hub.Snapshot.Partners["PS"], content, bound));
        var tampered = (byte[])content.Clone();
        tampered[^1] = (byte)' ';
        Assert.NotNull(RequestSignature.Verify(_hub.Server.Hub.Snapshot.Partners["PS"], tampered, bound));
    }

    [Fact]
    public async Task ReplayedSignedRequest_IsRefusedReplayed_AndTheNewerVersionStays()
    {
        var v1 = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0)));
        var captured = Signed("/api/v1/operations/replayed", v1, _hub.Clock.GetUtcNow());
        var replay = await CloneAsync(captured);
        Assert.Equal(HttpStatusCode.Created, (await _signer.SendAsync(captured)).StatusCode);

        var v2 = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.5, 36.0)));
        Assert.Equal(HttpStatusCode.OK, (await _signer.SendAsync(Signed("/api/v1/operations/replayed", v2, _hub.Clock.GetUtcNow().AddSeconds(1)))).StatusCode);
        var before = _hub.Server.Hub.Ledger.Size;

        _hub.Clock.Advance(TimeSpan.FromMinutes(2));
        await HostileHub.AssertProblemAsync(await _signer.SendAsync(replay), HttpStatusCode.Conflict, RequestSignature.ReplayedCode);
        Assert.Equal(before, _hub.Server.Hub.Ledger.Size);
        _hub.Server.Hub.GetItem("PS", Domain.Items.ItemKind.Operation, "replayed", out var stored);
        Assert.Equal(2, stored!.Version);
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task ReplayAfterARestart_IsStillRefusedReplayed_AndFreshRequestsGoThrough()
    {
        // A captured version 1 replayed after the hub restarted (and the partner moved on to version 2) would make the
        // partner appear to have gone back on its word; the restarted hub remembers the signature from the ledger.
        var v1 = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0)));
        var captured = Signed("/api/v1/operations/restarted", v1, _hub.Clock.GetUtcNow());
        var replay = await CloneAsync(captured);
        Assert.Equal(HttpStatusCode.Created, (await _signer.SendAsync(captured)).StatusCode);
        var v2 = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.5, 36.0)));
        Assert.Equal(HttpStatusCode.OK, (await _signer.SendAsync(Signed("/api/v1/operations/restarted", v2, _hub.Clock.GetUtcNow().AddSeconds(1)))).StatusCode);

        var token = _signer.DefaultRequestHeaders.Authorization!.Parameter!;
        await _hub.Server.DisposeAsync();
        _hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var settings = new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = _hub.DataDir, AdminToken = HostileHub.AdminToken, Time = _hub.Clock, Hub = WorldScript.Options };
        await using var restarted = await HubServer.StartAsync(settings, CancellationToken.None);
        using var signer = new HttpClient { BaseAddress = new Uri(restarted.Urls[0]) };
        signer.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var before = restarted.Hub.Ledger.Size;

        await HostileHub.AssertProblemAsync(await signer.SendAsync(replay), HttpStatusCode.Conflict, RequestSignature.ReplayedCode);
        Assert.Equal(before, restarted.Hub.Ledger.Size);
        restarted.Hub.GetItem("PS", Domain.Items.ItemKind.Operation, "restarted", out var stored);
        Assert.Equal(2, stored!.Version);

        var v3 = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(36.0, 36.0)));
        Assert.Equal(HttpStatusCode.OK, (await signer.SendAsync(Signed("/api/v1/operations/restarted", v3, _hub.Clock.GetUtcNow()))).StatusCode);
    }

    [Fact]
    public async Task ReplayAfterTheWindow_IsRefusedStale()
    {
        var captured = Signed("/api/v1/operations/late", Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0))), _hub.Clock.GetUtcNow());
        var replay = await CloneAsync(captured);
        Assert.Equal(HttpStatusCode.Created, (await _signer.SendAsync(captured)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _signer.DeleteAsync("/api/v1/operations/late")).StatusCode);
        var before = _hub.Server.Hub.Ledger.Size;

        _hub.Clock.Advance(TimeSpan.FromMinutes(11));
        await HostileHub.AssertProblemAsync(await _signer.SendAsync(replay), HttpStatusCode.BadRequest, RequestSignature.StaleCode);
        Assert.Equal(before, _hub.Server.Hub.Ledger.Size);
    }

    [Theory]
    [InlineData(-6 * 60)]
    [InlineData(6 * 60)]
    public async Task SigningTimeOutsideFiveMinutes_IsRefusedStale(int offsetSeconds)
    {
        var before = _hub.Footprint().Ledger;
        var request = Signed("/api/v1/operations/skewed", Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0))), _hub.Clock.GetUtcNow().AddSeconds(offsetSeconds));
        await HostileHub.AssertProblemAsync(await _signer.SendAsync(request), HttpStatusCode.BadRequest, RequestSignature.StaleCode);
        Assert.Equal(before, _hub.Footprint().Ledger);
    }

    [Fact]
    public async Task SignedRequestWithoutTime_IsRefusedStale()
    {
        var request = Signed("/api/v1/operations/untimed", Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0))), _hub.Clock.GetUtcNow());
        request.Headers.Remove(RequestSignature.TimeHeader);
        await HostileHub.AssertProblemAsync(await _signer.SendAsync(request), HttpStatusCode.BadRequest, RequestSignature.StaleCode);
    }

    [Fact]
    public async Task SignedRequestMovedToAnotherPath_IsRefusedInvalid_AndCanStillBeSentWhereSigned()
    {
        var body = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0)));
        var moved = Signed("/api/v1/operations/elsewhere", body, _hub.Clock.GetUtcNow(), signedPath: "/api/v1/operations/meant");
        await HostileHub.AssertProblemAsync(await _signer.SendAsync(moved), HttpStatusCode.BadRequest, "signature.invalid");
        Assert.Null(_hub.Server.Hub.GetItem("PS", Domain.Items.ItemKind.Operation, "elsewhere", out _));

        // A refused (invalid) signature is not remembered, so the genuine request still goes through.
        Assert.Equal(HttpStatusCode.Created, (await _signer.SendAsync(Signed("/api/v1/operations/meant", body, _hub.Clock.GetUtcNow()))).StatusCode);
    }
}
