using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Tahaluf.Cot.Events;

namespace Tahaluf.Security.Tests;

/// <summary>
/// The HTTP layer of the no-leak property: random worlds played into a real server, and every output path each
/// viewer can reach — REST reads of every kind, /me, conflicts, notifications, the live feed (SSE), ledger entries
/// (decoded), receipts and proofs, the civil feed in every format, health, the CoT stream — scanned for forbidden
/// canaries; hidden resources must answer 404 with the body of a nonexistent one.
/// </summary>
public sealed class HttpLeakTests
{
    [FsCheck.Xunit.Property(MaxTest = 20, QuietOnSuccess = true)]
    public Property EveryEndpoint_RandomWorlds_NoViewerGetsAForbiddenCanary() =>
        Prop.ForAll(HubLeakTests.Worlds(trackLabels: false), world => Task.Run(() => CheckAsync(world)).GetAwaiter().GetResult());

    private static async Task CheckAsync(World world)
    {
        await using var server = await SecurityHub.StartAsync();
        await using var webhooks = await WebhookReceiver.StartAsync();
        var driver = new HttpDriver(server, webhooks);
        await WorldScript.RunAsync(world, driver);
        var hub = server.Server.Hub;

        // Sentinels: re-setting an agreement (same level) gives each viewer a last feed event to read up to.
        var sentinels = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in world.Partners)
        {
            var other = world.Partners.First(o => o.Id != p.Id).Id;
            await driver.AgreeAsync(p.Id, other, "track", world.Agreement(p.Id, other, "track"));
            sentinels[p.Id] = hub.Feed.LastSequence;
        }

        var oracle = new Oracle(world, hub);
        var failures = new List<string>();
        var shared = await CollectSharedAsync(server, world, failures);
        failures.AddRange(Oracle.Scan("", oracle.Forbidden(""), shared, world));
        foreach (var viewer in world.Partners.Select(p => p.Id))
        {
            var outputs = await CollectAsync(server, world, viewer, sentinels[viewer], failures);
            outputs.AddRange(await ReceivedWebhooksAsync(webhooks, hub, viewer, failures));
            if (viewer == "P0")
            {
                outputs.Add(("CoT stream (P0)", await ReadCotAsync(server)));
            }

            failures.AddRange(Oracle.Scan(viewer, oracle.Forbidden(viewer), outputs.Concat(shared), world).Take(5));
        }

        HubLeakTests.Report(world, failures);
    }

    /// <summary>Public outputs (no token): civil feed in every format, health.</summary>
    private static async Task<List<(string Path, string Text)>> CollectSharedAsync(SecurityHub server, World world, List<string> failures)
    {
        var outputs = new List<(string, string)>();
        foreach (var path in new[] { "/public/v1/civil-feed", "/public/v1/civil-feed?format=geojson", "/public/v1/civil-feed?format=notam&lang=en", "/public/v1/civil-feed?format=notam&lang=ar", "/public/v1/civil-feed?format=notam&lang=fr", "/public/v1/civil-feed?format=notam&lang=ru", "/healthz" })
        {
            var response = await server.Anonymous.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Expect(failures, "(anonymous)", path, HttpStatusCode.OK, response.StatusCode, text);
            outputs.Add(("GET " + path, text));
        }

        // Positive side: one feature per live civil zone (each has one volume).
        using var civil = JsonDocument.Parse(outputs[0].Item2);
        var expected = world.Items.Count(i => i.Kind == "zone" && !i.Withdrawn && i.Versions[^1].Civil);
        var got = civil.RootElement.GetProperty("features").GetArrayLength();
        if (expected != got)
        {
            failures.Add($"WRONG CIVIL FEED expected {expected} features, got {got}");
        }

        // Receipts and proofs do not depend on the caller: read them once.
        var p0 = server.Partners["P0"];
        for (var i = 0L; i < server.Server.Hub.Ledger.Latest.Checkpoint.Size; i++)
        {
            var path = "/api/v1/receipts/" + i.ToString(CultureInfo.InvariantCulture);
            var text = await GetAsync(p0, path, failures, "P0", HttpStatusCode.OK);
            outputs.Add(("GET " + path, text + "\n" + DecodeBase64Tokens(text)));
        }

        return outputs;
    }

    private static async Task<List<(string Path, string Text)>> CollectAsync(SecurityHub server, World world, string viewer, long sentinel, List<string> failures)
    {
        var client = server.Partners[viewer];
        var hub = server.Server.Hub;
        var outputs = new List<(string, string)>();
        async Task Get(string path, HttpStatusCode? expect = HttpStatusCode.OK) => outputs.Add(("GET " + path, await GetAsync(client, path, failures, viewer, expect)));

        await Get("/api/v1/me");
        foreach (var kind in new[] { "operation", "zone", "report" })
        {
            var list = await GetAsync(client, $"/api/v1/{kind}s?limit=1000", failures, viewer, HttpStatusCode.OK);
            outputs.Add(($"GET /api/v1/{kind}s", list));
            using (var doc = JsonDocument.Parse(list))
            {
                var listed = doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
                var expected = world.Items.Where(i => i.Kind == kind && world.CurrentLevel(viewer, i) >= Lvl.Envelope).Select(i => i.Id).Order(StringComparer.Ordinal).ToList();
                if (!expected.SequenceEqual(listed))
                {
                    failures.Add($"WRONG LIST viewer={viewer} GET /api/v1/{kind}s expected [{string.Join(",", expected)}] got [{string.Join(",", listed)}]");
                }
            }

            var absent = await NotFoundBodyAsync(client, $"/api/v1/{kind}s/", "no-such-kw0000000000", "");
            var absentHistory = await NotFoundBodyAsync(client, $"/api/v1/{kind}s/", "no-such-kw0000000000", "/history");
            foreach (var item in world.Items.Where(i => i.Kind == kind))
            {
                var level = world.CurrentLevel(viewer, item);
                var path = $"/api/v1/{kind}s/{item.Id}";
                if (level >= Lvl.Envelope)
                {
                    var text = await GetAsync(client, path, failures, viewer, HttpStatusCode.OK);
                    outputs.Add(("GET " + path, text));
                    if (level == Lvl.Full && !text.Contains(item.Versions[^1].FullMarker!, StringComparison.Ordinal))
                    {
                        failures.Add($"MISSING viewer={viewer} GET {path} at full lacks {item.Versions[^1].FullMarker}");
                    }

                    await Get(path + "/history");
                }
                else
                {
                    await ExpectHiddenAsync(client, path, item.Id, absent, failures, viewer, outputs);
                    await ExpectHiddenAsync(client, path + "/history", item.Id, absentHistory, failures, viewer, outputs);
                }
            }
        }

        var tracks = await GetAsync(client, "/api/v1/tracks", failures, viewer, HttpStatusCode.OK);
        outputs.Add(("GET /api/v1/tracks", tracks));
        var absentTrack = await NotFoundBodyAsync(client, "/api/v1/tracks/", "no-such-kw0000000000", "/history");
        foreach (var track in world.Items.Where(i => i.Kind == "track"))
        {
            var path = $"/api/v1/tracks/{track.Id}/history";
            if (world.CurrentLevel(viewer, track) >= Lvl.Envelope)
            {
                Assert.Contains("\"" + track.Id + "\"", tracks, StringComparison.Ordinal);
                await Get(path);
            }
            else
            {
                await ExpectHiddenAsync(client, path, track.Id, absentTrack, failures, viewer, outputs);
            }
        }

        await Get("/api/v1/conflicts");
        await Get("/api/v1/conflicts?open=true");
        var absentConflict = await NotFoundBodyAsync(client, "/api/v1/conflicts/", "cfl-0000000000000000-1", "");
        foreach (var c in hub.Snapshot.Conflicts.Values)
        {
            var path = "/api/v1/conflicts/" + c.Id;
            if (c.Involves(viewer))
            {
                await Get(path);
            }
            else
            {
                await ExpectHiddenAsync(client, path, c.Id, absentConflict, failures, viewer, outputs);
            }
        }

        await Get("/api/v1/notifications?limit=1000");
        var absentNotification = await NotFoundBodyAsync(client, "/api/v1/notifications/", "no-such-kw0000000000", "");
        foreach (var n in hub.Snapshot.Notifications.Values)
        {
            var path = "/api/v1/notifications/" + Uri.EscapeDataString(n.Id);
            if (n.Recipient == viewer)
            {
                await Get(path);
            }
            else
            {
                await ExpectHiddenAsync(client, path, Uri.EscapeDataString(n.Id), absentNotification, failures, viewer, outputs);
            }
        }

        outputs.Add(("GET /api/v1/feed?after=0 (SSE)", await ReadFeedAsync(client, sentinel)));
        await Get("/api/v1/ledger/checkpoint");
        await Get("/api/v1/ledger/key");
        await Get("/api/v1/ledger/proofs/inclusion?index=0");
        await Get("/api/v1/ledger/proofs/consistency?from=1");
        for (var i = 0L; i < hub.Ledger.Latest.Checkpoint.Size; i++)
        {
            var path = "/api/v1/ledger/entries/" + i.ToString(CultureInfo.InvariantCulture);
            var text = await GetAsync(client, path, failures, viewer, HttpStatusCode.OK);
            using var doc = JsonDocument.Parse(text);
            var decoded = new StringBuilder(text);
            foreach (var field in new[] { "leaf", "salt", "content" })
            {
                if (doc.RootElement.TryGetProperty(field, out var b) && b.ValueKind == JsonValueKind.String)
                {
                    decoded.Append('\n').Append(Encoding.UTF8.GetString(b.GetBytesFromBase64()));
                }
            }

            outputs.Add(("GET " + path, decoded.ToString()));
        }

        return outputs;
    }

    /// <summary>
    /// The webhook bodies the viewer's callback received, once it has every delivery it is owed: each of its
    /// notifications, and the escalation of each escalated one. A delivery it is not owed is a failure too.
    /// </summary>
    private static async Task<List<(string Path, string Text)>> ReceivedWebhooksAsync(WebhookReceiver webhooks, Tahaluf.Hub.HubService hub, string viewer, List<string> failures)
    {
        var expected = hub.Snapshot.Notifications.Values
            .Where(n => n.Recipient == viewer)
            .SelectMany(n => n.EscalatedAt is null ? new[] { n.Id } : [n.Id, n.Id + "/escalated"])
            .Order(StringComparer.Ordinal)
            .ToList();
        var received = await webhooks.WaitForAsync(viewer, expected);
        var ids = received.Select(r => r.DeliveryId).Distinct().Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(ids))
        {
            failures.Add($"WRONG WEBHOOKS viewer={viewer} expected [{string.Join(",", expected)}] received [{string.Join(",", ids)}]");
        }

        return [.. received.Select(r => ($"POST webhook ({r.DeliveryId})", r.Body))];
    }

    private static async Task<string> GetAsync(HttpClient client, string path, List<string> failures, string viewer, HttpStatusCode? expect)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (expect is { } e)
        {
            Expect(failures, viewer, path, e, response.StatusCode, text);
        }

        return text;
    }

    private static void Expect(List<string> failures, string viewer, string path, HttpStatusCode expected, HttpStatusCode got, string body)
    {
        if (expected != got)
        {
            failures.Add($"WRONG STATUS viewer={viewer} GET {path} expected {(int)expected} got {(int)got}: {(body.Length > 300 ? body[..300] : body)}");
        }
    }

    private static async Task<string> NotFoundBodyAsync(HttpClient client, string prefix, string id, string suffix)
    {
        using var response = await client.GetAsync(prefix + id + suffix);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return Normalize(await response.Content.ReadAsStringAsync(), id);
    }

    private static async Task ExpectHiddenAsync(HttpClient client, string path, string id, string absentBody, List<string> failures, string viewer, List<(string, string)> outputs)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        // The problem echoes the id the caller asked for; everything else in it is scanned.
        outputs.Add(("GET " + path, text.Replace(id, "{asked}", StringComparison.Ordinal)));
        if (response.StatusCode != HttpStatusCode.NotFound || response.Headers.ETag is not null)
        {
            failures.Add($"NOT HIDDEN viewer={viewer} GET {path} answered {(int)response.StatusCode}, expected 404 like a nonexistent id");
        }
        else if (Normalize(text, id) != absentBody)
        {
            failures.Add($"DISTINGUISHABLE 404 viewer={viewer} GET {path}: {text} vs nonexistent {absentBody}");
        }
    }

    /// <summary>The body with the asked id and the per-request trace id blanked.</summary>
    private static string Normalize(string body, string id) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(id, "{id}", StringComparison.Ordinal), "\"trace_id\":\"[^\"]*\"", "\"trace_id\":\"\"");

    /// <summary>Reads the live feed from the beginning up to the viewer's sentinel event.</summary>
    private static async Task<string> ReadFeedAsync(HttpClient client, long sentinel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feed?after=0");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The feed ended.");
            text.Append(line).Append('\n');
            if (line.StartsWith("id: ", StringComparison.Ordinal) && long.Parse(line[4..], CultureInfo.InvariantCulture) >= sentinel)
            {
                return text.ToString();
            }
        }
    }

    /// <summary>Connects to the CoT plain port (bound to P0), has the bridge publish, and reads up to an end marker.</summary>
    private static async Task<string> ReadCotAsync(SecurityHub server)
    {
        var bridge = server.Server.Cot!;
        using var client = new TcpClient();
        await client.ConnectAsync(bridge.Gateway.PlainEndpoint!);
        var stream = client.GetStream();
        var now = server.Clock.GetUtcNow();
        CotEvent Marker(string uid) => new(uid, CotTypes.Ping, "h-g-i-g-o", now, now, now.AddSeconds(30), new CotPoint(0, 0, 0, CotPoint.Unknown, CotPoint.Unknown), new CotDetail());
        var wait = DateTime.UtcNow.AddSeconds(10);
        while (bridge.Gateway.SendToPartner("P0", Marker("sync-start")) == 0)
        {
            Assert.True(DateTime.UtcNow < wait, "the CoT connection was never registered");
            await Task.Delay(10);
        }

        bridge.PublishAll();
        bridge.Gateway.SendToPartner("P0", Marker("sync-end"));
        var received = new StringBuilder();
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!received.ToString().Contains("sync-end", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(n > 0, "the gateway closed the stream");
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return received.ToString();
    }

    private static string DecodeBase64Tokens(string text)
    {
        var decoded = new StringBuilder();
        foreach (var token in text.Split([' ', '\n', '\r', '"', ',', ':', '='], StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = token.Length % 4 == 0 ? token : token + new string('=', 4 - (token.Length % 4));
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(padded))).Append('\n');
            }
            catch (FormatException)
            {
            }
        }

        return decoded.ToString();
    }
}
