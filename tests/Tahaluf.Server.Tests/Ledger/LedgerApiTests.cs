using System.Net;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Receipts;
using static Tahaluf.Server.Tests.TestHub;

namespace Tahaluf.Server.Tests.Ledger;

/// <summary>Every declaration, notification and ack is in the ledger; receipts verify offline; content is released only per policy.</summary>
public sealed class LedgerApiTests : IAsyncLifetime
{
    private TestHub _hub = null!;
    private NoteVerifier _hubKey = null!;

    public async Task InitializeAsync()
    {
        _hub = await StartAsync();
        await _hub.AddPartnersAsync(["RU", "TR", "US"]);
        _hubKey = NoteVerifier.Parse((await _hub.Partner("RU").GetStringAsync("/api/v1/ledger/key")).Trim()).Value!;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Ack_Response_CarriesAReceiptThatVerifiesOffline()
    {
        await _hub.Partner("TR").PutAsync("/api/v1/zones/tr-border", Json(Zone(Square(35.9, 36.06, sideKm: 20, lowerM: 0, upperM: 15000, startMin: 0, endMin: 600))));
        await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-su24", Json(Operation(Square(35.82, 36.07, sideKm: 15))));
        using var notes = await ReadJsonAsync(await _hub.Partner("TR").GetAsync("/api/v1/notifications"));
        var id = notes.RootElement.GetProperty("notifications")[0].GetProperty("id").GetString()!;

        using var ack = await ReadJsonAsync(await _hub.Partner("TR").PostAsync($"/api/v1/notifications/{id}/ack", null));
        var receipt = ack.RootElement.GetProperty("receipt").GetString()!;
        var index = ack.RootElement.GetProperty("ledger_index").GetInt64();

        var parsed = Receipt.Parse(receipt);
        Assert.True(parsed.Success);
        var result = ReceiptVerifier.VerifyLeafData(receipt, parsed.Value!.Extra, _hubKey);
        Assert.True(result.IsVerified, result.Error?.Message);
        Assert.Equal(index, result.Index);
        using var leaf = JsonDocument.Parse(parsed.Value.Extra!);
        Assert.Equal(("ack", "TR"), (leaf.RootElement.GetProperty("kind").GetString(), leaf.RootElement.GetProperty("author").GetString()));

        // A tampered leaf does not verify.
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(parsed.Value.Extra!).Replace("\"TR\"", "\"US\"", StringComparison.Ordinal));
        Assert.False(ReceiptVerifier.VerifyLeafData(receipt, forged, _hubKey).IsVerified);

        // The other party may open the ack entry and see that TR acknowledged this notification.
        using var entry = await ReadJsonAsync(await _hub.Partner("RU").GetAsync($"/api/v1/ledger/entries/{index}"));
        Assert.True(entry.RootElement.GetProperty("released").GetBoolean());
        Assert.Equal("tahaluf-ack:" + id, Encoding.UTF8.GetString(entry.RootElement.GetProperty("content").GetBytesFromBase64()));
        using var hidden = await ReadJsonAsync(await _hub.Partner("US").GetAsync($"/api/v1/ledger/entries/{index}"));
        Assert.False(hidden.RootElement.GetProperty("released").GetBoolean());
    }

    [Fact]
    public async Task Entries_DeclarationContent_GoesOnlyToThoseWhoMaySeeItInFull()
    {
        var body = Operation(Square(35, 36));
        await _hub.Partner("RU").PutAsync("/api/v1/operations/ru-op-secret", Json(body));
        using var history = await ReadJsonAsync(await _hub.Partner("RU").GetAsync("/api/v1/operations/ru-op-secret/history"));
        var index = history.RootElement.GetProperty("versions")[0].GetProperty("ledger_index").GetInt64();

        using var owner = await ReadJsonAsync(await _hub.Partner("RU").GetAsync($"/api/v1/ledger/entries/{index}"));
        Assert.True(owner.RootElement.GetProperty("released").GetBoolean());
        var content = owner.RootElement.GetProperty("content").GetBytesFromBase64();
        var salt = owner.RootElement.GetProperty("salt").GetBytesFromBase64();
        Assert.Equal(body, Encoding.UTF8.GetString(content));
        Assert.Equal(Convert.ToBase64String(LedgerLeaf.Commitment(salt, content)), owner.RootElement.GetProperty("entry").GetProperty("commitment").GetString());
        Assert.Equal(LedgerLeaf.SubjectDigest(salt, "operation/ru-op-secret"), owner.RootElement.GetProperty("entry").GetProperty("subject").GetString());

        var response = await _hub.Partner("TR").GetAsync($"/api/v1/ledger/entries/{index}");
        var text = await response.Content.ReadAsStringAsync();
        using var outsider = JsonDocument.Parse(text);
        Assert.False(outsider.RootElement.GetProperty("released").GetBoolean());
        Assert.DoesNotContain("ru-op-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FALCON", text, StringComparison.Ordinal);
        Assert.False(outsider.RootElement.TryGetProperty("content", out _));
        Assert.False(outsider.RootElement.TryGetProperty("salt", out _));

        await _hub.AgreeAsync("RU", "US", "operation", "envelope");
        using var envelopeOnly = await ReadJsonAsync(await _hub.Partner("US").GetAsync($"/api/v1/ledger/entries/{index}"));
        Assert.False(envelopeOnly.RootElement.GetProperty("released").GetBoolean());
    }

    [Fact]
    public async Task Checkpoints_Grow_ConsistentlyWithProofs()
    {
        await _hub.Partner("RU").PutAsync("/api/v1/operations/op-first", Json(Operation(Square(29, 30))));
        var first = await _hub.Partner("RU").GetStringAsync("/api/v1/ledger/checkpoint");
        for (var i = 0; i < 5; i++)
        {
            await _hub.Partner("RU").PutAsync($"/api/v1/operations/op-{i}", Json(Operation(Square(30 + i, 30))));
        }

        var second = await _hub.Partner("TR").GetStringAsync("/api/v1/ledger/checkpoint");
        var a = Checkpoint.Parse(SignedNote.Parse(first).Value!.Text).Value!;
        var b = Checkpoint.Parse(SignedNote.Parse(second).Value!.Text).Value!;
        Assert.True(SignedNote.Parse(second).Value!.Verify([_hubKey]).IsVerified);
        Assert.True(b.Size >= a.Size + 5);

        using var proof = await ReadJsonAsync(await _hub.Partner("TR").GetAsync($"/api/v1/ledger/proofs/consistency?from={a.Size}&to={b.Size}"));
        var hashes = proof.RootElement.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToList();
        Assert.True(CheckpointConsistency.Check(a, b, hashes).IsConsistent);
        Assert.Equal(HttpStatusCode.BadRequest, (await _hub.Partner("TR").GetAsync($"/api/v1/ledger/proofs/consistency?from={b.Size + 1}")).StatusCode);
    }

    [Fact]
    public async Task SignedDeclaration_IsVerifiedAndKeptInTheLeaf()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var publicKey = Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var registered = await _hub.Admin.PutAsync("/api/v1/admin/partners/FR", Json($$"""{"names":{"en":"France"},"public_key":"{{publicKey}}"}"""));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        using var registration = await ReadJsonAsync(registered);
        using var fr = _hub.Client(registration.RootElement.GetProperty("token").GetString()!);
        using var created = await ReadJsonAsync(await _hub.Admin.GetAsync("/api/v1/admin/partners/FR"));
        Assert.Equal(publicKey, created.RootElement.GetProperty("public_key").GetString());

        var body = Encoding.UTF8.GetBytes(Operation(Square(34.4, 34.3)));
        var time = _hub.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Tahaluf.Hub.Signing.RequestSignature.RequestMessage("PUT", "/api/v1/operations/fr-rafale", time, body));
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/operations/fr-rafale") { Content = new ByteArrayContent(body) };
        request.Headers.Add("Tahaluf-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("Tahaluf-Signature-Time", time);
        Assert.Equal(HttpStatusCode.Created, (await fr.SendAsync(request)).StatusCode);

        using var history = await ReadJsonAsync(await fr.GetAsync("/api/v1/operations/fr-rafale/history"));
        var index = history.RootElement.GetProperty("versions")[0].GetProperty("ledger_index").GetInt64();
        using var entry = await ReadJsonAsync(await fr.GetAsync($"/api/v1/ledger/entries/{index}"));
        Assert.Equal(Tahaluf.Hub.Signing.RequestSignature.Bind(signature, "PUT", "/api/v1/operations/fr-rafale", time), entry.RootElement.GetProperty("entry").GetProperty("author_signature").GetBytesFromBase64());

        var bad = new HttpRequestMessage(HttpMethod.Put, "/api/v1/operations/fr-forged") { Content = new ByteArrayContent(body) };
        signature = SignatureAlgorithm.Ed25519.Sign(key, Tahaluf.Hub.Signing.RequestSignature.RequestMessage("PUT", "/api/v1/operations/fr-forged", time, body));
        signature[0] ^= 1;
        bad.Headers.Add("Tahaluf-Signature", Convert.ToBase64String(signature));
        bad.Headers.Add("Tahaluf-Signature-Time", time);
        var refused = await fr.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = await ReadJsonAsync(refused);
        Assert.Equal("signature.invalid", problem.RootElement.GetProperty("code").GetString());
    }
}
