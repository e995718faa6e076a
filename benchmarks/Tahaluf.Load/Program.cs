using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Server;

namespace Tahaluf.Load;

/// <summary>
/// Load tool for the hub's write path through HTTP (issue 3). Starts a hub on 127.0.0.1 (SQLite, temp dir),
/// seeds stored volumes through the hub's own write path, then measures over loopback:
/// peak declarations/s (closed loop), latency p50/p99 at 80 % of peak (open loop, coordinated-omission
/// safe), send-to-feed latency, and the DSS shape (many partners declaring in one small area).
/// Bounded in count and time; stops by itself.
/// </summary>
public static class Program
{
    private static readonly DateTimeOffset Epoch = new(2015, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> Main(string[] args)
    {
        var url = Array.IndexOf(args, "--url") is var u and >= 0 && u + 1 < args.Length ? args[u + 1] : null;
        if (url is not null)
        {
            return await ExternalOpenLoopAsync(new Uri(url), args);
        }

        var seed = Arg(args, "--volumes", 100_000);
        var seconds = Arg(args, "--seconds", 15);
        var concurrency = Arg(args, "--concurrency", 64);
        var dir = Directory.CreateTempSubdirectory("tahaluf-load-").FullName;
        Console.WriteLine($"# Tahaluf load: {seed:N0} stored volumes, {seconds} s per phase, {concurrency} clients, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        try
        {
            await using var server = await HubServer.StartAsync(new ServerSettings { Urls = "http://127.0.0.1:0", DataDir = dir, AdminToken = "load-admin", RequestsPerSecondPerPartner = 1_000_000 }, CancellationToken.None);
            var hub = server.Hub;
            var tokens = new Dictionary<string, string>();
            for (var p = 0; p < 20; p++)
            {
                var id = "P" + p.ToString("D2", CultureInfo.InvariantCulture);
                var token = "token-" + id;
                await hub.AddPartnerAsync(new Partner(id, ImmutableDictionary<string, string>.Empty.Add("en", id), PartnerRole.Member, []), token);
                tokens[id] = token;
            }

            // The feed watcher P19 sees P00's operations at envelope level.
            await hub.SetAgreementAsync(new Tahaluf.Domain.Agreements.Agreement("P00", "P19", ItemKind.Operation, Tahaluf.Domain.Release.ReleaseLevel.Envelope));

            var sw = Stopwatch.StartNew();
            var random = new Random(42);
            const int seedBatch = 2_000;
            for (var done = 0; done < seed; done += seedBatch)
            {
                var tasks = new List<Task>(seedBatch);
                for (var i = done; i < Math.Min(seed, done + seedBatch); i++)
                {
                    var owner = "P" + (1 + (i % 18)).ToString("D2", CultureInfo.InvariantCulture);
                    using var doc = JsonDocument.Parse(Body(random, spreadKm: 2000));
                    tasks.Add(hub.PutItemAsync(owner, ItemKind.Operation, "seed-" + i.ToString(CultureInfo.InvariantCulture), doc.RootElement.Clone(), null, []));
                }

                await Task.WhenAll(tasks);
            }

            Console.WriteLine($"seeded {seed:N0} volumes in {sw.Elapsed.TotalSeconds:F1} s ({seed / sw.Elapsed.TotalSeconds:N0}/s through the hub's write path, no HTTP)");
            var baseUri = new Uri(server.Urls[0]);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            HttpClient Client(string partner)
            {
                var c = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
                c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[partner]);
                return c;
            }

            var clients = Enumerable.Range(0, 18).Select(p => Client("P" + (1 + p).ToString("D2", CultureInfo.InvariantCulture))).ToArray();
            var counter = 0;
            var (b0, r0, t0) = (hub.Stats.Batches, hub.Stats.Requests, hub.Stats.Busy);
            var p0 = hub.Stats.Phases;
            var peak = await ClosedLoopAsync(clients, concurrency, TimeSpan.FromSeconds(seconds), () => Body(Random.Shared, 2000), () => Interlocked.Increment(ref counter));
            var batches = hub.Stats.Batches - b0;
            var p1 = hub.Stats.Phases;
            Console.WriteLine($"  writer phases per commit (ms): run {(p1.Run - p0.Run).TotalMilliseconds / Math.Max(1, batches):F2}, detect {(p1.Detect - p0.Detect).TotalMilliseconds / Math.Max(1, batches):F2}, commit {(p1.Commit - p0.Commit).TotalMilliseconds / Math.Max(1, batches):F2}, after {(p1.After - p0.After).TotalMilliseconds / Math.Max(1, batches):F2}");
            Console.WriteLine($"  writer: {batches:N0} commits, {(hub.Stats.Requests - r0) / (double)Math.Max(1, batches):F1} requests per commit, {(hub.Stats.Busy - t0).TotalMilliseconds / Math.Max(1, batches):F2} ms per commit, busy {(hub.Stats.Busy - t0).TotalSeconds / seconds:P0}");
            Console.WriteLine($"peak (closed loop, {concurrency} clients, spread over 2,000 km): {peak.Rate:N0} declarations/s, p50 {peak.P50:F1} ms, p99 {peak.P99:F1} ms, errors {peak.Errors}");

            var target = peak.Rate * 0.8;
            var open = await OpenLoopAsync(clients, target, TimeSpan.FromSeconds(seconds), () => Body(Random.Shared, 2000), () => Interlocked.Increment(ref counter));
            Console.WriteLine($"at 80 % of peak ({target:N0}/s offered, open loop): achieved {open.Rate:N0}/s, p50 {open.P50:F1} ms, p99 {open.P99:F1} ms, errors {open.Errors}");

            var feed = await FeedLatencyAsync(Client("P00"), Client("P19"), 300);
            Console.WriteLine($"send-to-feed (PUT sent → event received by another partner, upper bound of commit-to-feed; {feed.Count} events sent 5 ms apart): p50 {feed.P50:F1} ms, p99 {feed.P99:F1} ms");

            var dss = await ClosedLoopAsync(clients, concurrency, TimeSpan.FromSeconds(seconds), () => Body(Random.Shared, 20), () => Interlocked.Increment(ref counter));
            var conflicts = hub.Snapshot.Conflicts.Count;
            Console.WriteLine($"DSS shape (18 partners declaring in one 20 × 20 km area, each declaration conflicts): {dss.Rate:N0} declarations/s, p50 {dss.P50:F1} ms, p99 {dss.P99:F1} ms, errors {dss.Errors}; conflicts stored {conflicts:N0}");
            foreach (var c in clients)
            {
                c.Dispose();
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Open loop against a hub in another process: a fixed offered rate, latency measured from each request's
    /// scheduled time (no coordinated omission). Tokens come from $TAHALUF_TOKENS (space-separated).
    /// </summary>
    private static async Task<int> ExternalOpenLoopAsync(Uri url, string[] args)
    {
        var rate = Arg(args, "--rate", 1000);
        var seconds = Arg(args, "--seconds", 15);
        var tokens = (Environment.GetEnvironmentVariable("TAHALUF_TOKENS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            await Console.Error.WriteLineAsync("set TAHALUF_TOKENS to the partners' bearer tokens").ConfigureAwait(false);
            return 2;
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024 };
        var clients = tokens.Select(t =>
        {
            var c = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", t);
            return c;
        }).ToArray();
        var prefix = "ol" + Environment.TickCount64.ToString(CultureInfo.InvariantCulture);
        var counter = 0;
        var result = await OpenLoopAsync(clients, rate, TimeSpan.FromSeconds(seconds), () => Body(Random.Shared, 2000), () => Interlocked.Increment(ref counter), prefix);
        Console.WriteLine($"open loop against {url}: {rate:N0}/s offered for {seconds} s, achieved {result.Rate:N0}/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, errors {result.Errors}");
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return 0;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>A random operation: circle or polygon 1–30 km across, band 300–3,000 m thick within 0–15 km, window 10 min–4 h within 7 days.</summary>
    private static string Body(Random random, double spreadKm)
    {
        var lat = 35 + (random.NextDouble() - 0.5) * spreadKm / 111.0;
        var lng = 38 + (random.NextDouble() - 0.5) * spreadKm / 91.0;
        var sizeKm = 1 + random.NextDouble() * 29;
        var thick = 300 + random.NextDouble() * 2700;
        var lower = random.NextDouble() * (15000 - thick);
        var start = Epoch.AddMinutes(random.Next(0, 7 * 24 * 60));
        var end = start.AddMinutes(10 + random.Next(0, 230));
        var r = sizeKm * 500;
        return string.Create(CultureInfo.InvariantCulture,
            $$$$"""{"state":"planned","category":"transit","volumes":[{"volume":{"outline_circle":{"center":{"lat":{{{{lat}}}},"lng":{{{{lng}}}}},"radius":{"value":{{{{r}}}},"units":"M"}},"altitude_lower":{"value":{{{{lower}}}},"reference":"W84","units":"M"},"altitude_upper":{"value":{{{{lower + thick}}}},"reference":"W84","units":"M"}},"time_start":{"value":"{{{{start:yyyy-MM-ddTHH:mm:ssZ}}}}","format":"RFC3339"},"time_end":{"value":"{{{{end:yyyy-MM-ddTHH:mm:ssZ}}}}","format":"RFC3339"}}]}""");
    }

    private sealed record Result(double Rate, double P50, double P99, int Errors, int Count);

    private static Result Summarize(List<double> latencies, int errors, TimeSpan elapsed)
    {
        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        return new Result(latencies.Count / elapsed.TotalSeconds, P(0.5), P(0.99), errors, latencies.Count);
    }

    private static async Task<Result> ClosedLoopAsync(HttpClient[] clients, int concurrency, TimeSpan duration, Func<string> body, Func<int> nextId)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var client = clients[w % clients.Length];
            while (sw.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PutAsync("/api/v1/operations/load-" + nextId().ToString(CultureInfo.InvariantCulture), new StringContent(body(), Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return Summarize([.. latencies.SelectMany(l => l)], errors, sw.Elapsed);
    }

    private static async Task<Result> OpenLoopAsync(HttpClient[] clients, double rate, TimeSpan duration, Func<string> body, Func<int> nextId, string prefix = "load")
    {
        var latencies = new List<double>();
        var gate = new Lock();
        var errors = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var sw = Stopwatch.StartNew();
        var inflight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - sw.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var client = clients[i % clients.Length];
            inflight.Add(Task.Run(async () =>
            {
                using var response = await client.PutAsync($"/api/v1/operations/{prefix}-" + nextId().ToString(CultureInfo.InvariantCulture), new StringContent(body(), Encoding.UTF8, "application/json"));
                var latency = (sw.Elapsed - due).TotalMilliseconds;
                lock (gate)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(latency);
                    }
                    else
                    {
                        errors++;
                    }
                }
            }));
        }

        await Task.WhenAll(inflight);
        return Summarize(latencies, errors, sw.Elapsed);
    }

    private static async Task<Result> FeedLatencyAsync(HttpClient writer, HttpClient watcher, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feed");
        using var response = await watcher.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var sent = new Dictionary<string, long>();
        var latencies = new List<double>();
        var listening = Task.Run(async () =>
        {
            string? line;
            while (latencies.Count < count && (line = await reader.ReadLineAsync()) is not null)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal) || !line.Contains("\"kind\":\"operation\"", StringComparison.Ordinal))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line[6..]);
                var id = doc.RootElement.GetProperty("id").GetString()!;
                lock (sent)
                {
                    if (sent.Remove(id, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    }
                }
            }
        });
        for (var i = 0; i < count; i++)
        {
            var id = "feed-" + i.ToString(CultureInfo.InvariantCulture);
            lock (sent)
            {
                sent[id] = Stopwatch.GetTimestamp();
            }

            using var put = await writer.PutAsync("/api/v1/operations/" + id, new StringContent(Body(Random.Shared, 2000), Encoding.UTF8, "application/json"));
            await Task.Delay(5);
        }

        await listening.WaitAsync(TimeSpan.FromSeconds(30));
        return Summarize(latencies, count - latencies.Count, TimeSpan.FromSeconds(1));
    }
}
