using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Tahaluf.Cli.Tests.Durability;

/// <summary>An acknowledged write survives <c>kill -9</c>, and its conflict notifications are there after restart.</summary>
public sealed class KillTests : IDisposable
{
    private const string Admin = "kill-test-admin";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("tahaluf-kill-").FullName;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Operation(double lat, double lng) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"state":"active","volumes":[{"volume":{"outline_circle":{"center":{"lat":{{{lat}}},"lng":{{{lng}}}},"radius":{"value":2000,"units":"M"}},"altitude_lower":{"value":5000,"reference":"W84","units":"M"},"altitude_upper":{"value":7000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-24T07:00:00Z","format":"RFC3339"},"time_end":{"value":"2015-11-24T09:00:00Z","format":"RFC3339"}}]}""");

    private static async Task<string> AddPartnerAsync(HttpClient admin, string id)
    {
        var response = await admin.PutAsync("/api/v1/admin/partners/" + id, Json("{\"names\":{\"en\":\"" + id + "\"}}"));
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var c = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    [Fact]
    public async Task KillDuringWrites_EveryAcknowledgedWriteAndItsNotificationsSurvive()
    {
        var acknowledged = new ConcurrentBag<string>();
        string ruToken, trToken, lastCheckpoint;
        int port;
        using (var first = await ServeProcess.StartAsync(_dataDir, Admin))
        {
            port = first.Address.Port;
            using var admin = Client(first.Address, Admin);
            ruToken = await AddPartnerAsync(admin, "RU");
            trToken = await AddPartnerAsync(admin, "TR");
            using var tr = Client(first.Address, trToken);
            var zone = """{"state":"active","zone_kind":"border_warning_zone","volumes":[{"volume":{"outline_circle":{"center":{"lat":36.0,"lng":36.0},"radius":{"value":200000,"units":"M"}},"altitude_lower":{"value":0,"reference":"W84","units":"M"},"altitude_upper":{"value":15000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-24T00:00:00Z","format":"RFC3339"},"time_end":{"value":"2015-11-25T00:00:00Z","format":"RFC3339"}}]}""";
            Assert.Equal(HttpStatusCode.Created, (await tr.PutAsync("/api/v1/zones/tr-border", Json(zone))).StatusCode);

            using var ru = Client(first.Address, ruToken);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
                {
                    var id = $"op-{w}-{i}";
                    try
                    {
                        var response = await ru.PutAsync("/api/v1/operations/" + id, Json(Operation(35.5 + (i % 50) * 0.01, 35.5 + w * 0.2)));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            lastCheckpoint = await ru.GetStringAsync("/api/v1/ledger/checkpoint");
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} writes were acknowledged before the kill");
        using var second = await ServeProcess.StartAsync(_dataDir, Admin, port);
        using var ru2 = Client(second.Address, ruToken);
        using var tr2 = Client(second.Address, trToken);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await ru2.GetAsync("/api/v1/operations/" + id)).StatusCode);
        }

        // Every acknowledged operation conflicts with TR's zone: both sides hold a notification for each.
        async Task<HashSet<string>> ConflictNotices(HttpClient client)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? after = null;
            while (true)
            {
                using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/notifications?limit=1000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))));
                var page = doc.RootElement.GetProperty("notifications").EnumerateArray().ToList();
                if (page.Count == 0)
                {
                    return seen;
                }

                foreach (var n in page.Where(n => n.GetProperty("type").GetString() == "conflict"))
                {
                    seen.Add(n.GetProperty("conflict").GetProperty("own_item").GetProperty("id").GetString()!);
                }

                after = page[^1].GetProperty("id").GetString();
            }
        }

        // The log continues consistently with the last checkpoint seen before the kill.
        var hubKey = Tahaluf.Ledger.Notes.NoteVerifier.Parse((await ru2.GetStringAsync("/api/v1/ledger/key")).Trim()).Value!;
        var after = await ru2.GetStringAsync("/api/v1/ledger/checkpoint");
        Assert.Null(await Tahaluf.Cli.Ledger.WitnessCheck.CheckAsync(lastCheckpoint, after, hubKey, async (from, to) =>
        {
            using var proof = JsonDocument.Parse(await ru2.GetStringAsync($"/api/v1/ledger/proofs/consistency?from={from}&to={to}"));
            return [.. proof.RootElement.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64())];
        }));

        var ruNotices = await ConflictNotices(ru2);
        Assert.Subset(ruNotices, acknowledged.ToHashSet());
        var trNotices = await ConflictNotices(tr2);
        Assert.Equal(ruNotices.Count, await CountConflictsAsync(tr2));
        Assert.Single(trNotices);
    }

    private static async Task<int> CountConflictsAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/conflicts"));
        return doc.RootElement.GetProperty("conflicts").GetArrayLength();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
