using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Tahaluf.Benchmarks -- postgis --connection "Host=…"
/// [--sizes 10000,100000,1000000] [--queries 200]</c>: loads the volume workload (seed 1) into a PostGIS table with
/// a <c>geography</c> column (polygons as they are, circles as <c>ST_Buffer(geography, r)</c>), altitude and time
/// columns and a GiST index, then times the single-volume conflict query
/// (<c>ST_DWithin(g, q, 9260, true)</c> plus altitude, time and owner) one query at a time over the probes
/// (seed 2) after a warm-up, and reports the median next to <see cref="VolumeIndex"/> measured the same way in the
/// same process on the same data. Also reports how many probes got different answers (PostGIS is the oracle).
/// </summary>
public static class PostGisBaseline
{
    private const int WarmUp = 20;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        string? connection = null;
        int[] sizes = [10_000, 100_000, 1_000_000];
        var queries = 200;
        for (var i = 1; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--connection":
                    connection = args[++i];
                    break;
                case "--sizes":
                    sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, Inv))];
                    break;
                case "--queries":
                    queries = int.Parse(args[++i], Inv);
                    break;
                default:
                    break;
            }
        }

        if (connection is null)
        {
            await Console.Error.WriteLineAsync("usage: postgis --connection \"Host=...;Database=...\" [--sizes 10000,100000] [--queries 200]");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using (var version = dataSource.CreateCommand("SELECT version() || ' / PostGIS ' || postgis_lib_version()"))
        {
            Console.WriteLine(await version.ExecuteScalarAsync());
        }

        var probes = VolumeWorkload.Generate(WarmUp + queries, seed: 2);
        foreach (var size in sizes)
        {
            await RunSizeAsync(dataSource, size, probes);
        }

        return 0;
    }

    private static async Task RunSizeAsync(NpgsqlDataSource dataSource, int size, WorkloadVolume[] probes)
    {
        var volumes = VolumeWorkload.Generate(size, seed: 1);
        await using var conn = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(conn, """
            DROP TABLE IF EXISTS volume_bench;
            DROP TABLE IF EXISTS volume_stage;
            CREATE UNLOGGED TABLE volume_stage (key bigint, owner int, alt_lo float8, alt_hi float8,
                t_start timestamptz, t_end timestamptz, wkt text, radius float8);
            CREATE UNLOGGED TABLE volume_bench (key bigint PRIMARY KEY, owner int NOT NULL, alt_lo float8 NOT NULL,
                alt_hi float8 NOT NULL, t_start timestamptz NOT NULL, t_end timestamptz NOT NULL, g geography NOT NULL);
            """);

        var clock = Stopwatch.StartNew();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY volume_stage (key, owner, alt_lo, alt_hi, t_start, t_end, wkt, radius) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in volumes)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(v.Key, NpgsqlDbType.Bigint);
                await copy.WriteAsync(v.Owner, NpgsqlDbType.Integer);
                await copy.WriteAsync(v.Volume.AltitudeLowerM, NpgsqlDbType.Double);
                await copy.WriteAsync(v.Volume.AltitudeUpperM, NpgsqlDbType.Double);
                await copy.WriteAsync(v.Volume.TimeStart, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(End(v.Volume), NpgsqlDbType.TimestampTz);
                var (wkt, radius) = ToWkt(v.Volume.Footprint);
                await copy.WriteAsync(wkt, NpgsqlDbType.Text);
                await copy.WriteAsync(radius, NpgsqlDbType.Double);
            }

            await copy.CompleteAsync();
        }

        var copyS = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await ExecuteAsync(conn, """
            INSERT INTO volume_bench
            SELECT key, owner, alt_lo, alt_hi, t_start, t_end,
                   CASE WHEN radius > 0 THEN ST_Buffer(ST_GeogFromText(wkt), radius) ELSE ST_GeogFromText(wkt) END
            FROM volume_stage;
            DROP TABLE volume_stage;
            """);
        var insertS = clock.Elapsed.TotalSeconds;
        clock.Restart();
        await ExecuteAsync(conn, "CREATE INDEX volume_bench_g ON volume_bench USING gist (g); ANALYZE volume_bench;");
        var indexS = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"[{size:N0}] PostGIS load: COPY {copyS:F1} s, geography conversion {insertS:F1} s, GiST build + ANALYZE {indexS:F1} s"));

        clock.Restart();
        using var index = new VolumeIndex();
        foreach (var v in volumes)
        {
            index.Upsert(v.Key, v.Owner, v.Volume);
        }

        Console.WriteLine(string.Create(Inv, $"[{size:N0}] VolumeIndex build: {clock.Elapsed.TotalSeconds:F2} s"));

        await using var query = new NpgsqlCommand(
            """
            WITH q AS (SELECT CASE WHEN @radius > 0 THEN ST_Buffer(ST_GeogFromText(@wkt), @radius)
                                   ELSE ST_GeogFromText(@wkt) END AS g)
            SELECT v.key FROM volume_bench v, q
            WHERE ST_DWithin(v.g, q.g, @h, true)
              AND v.alt_lo <= @hi AND v.alt_hi >= @lo
              AND v.t_start < @tend AND v.t_end > @tstart
              AND v.owner <> @owner
            """,
            conn);
        var pWkt = new NpgsqlParameter<string>("wkt", NpgsqlDbType.Text);
        query.Parameters.Add(pWkt);
        var pRadius = new NpgsqlParameter<double>("radius", NpgsqlDbType.Double);
        query.Parameters.Add(pRadius);
        query.Parameters.Add(new NpgsqlParameter<double>("h", NpgsqlDbType.Double) { TypedValue = SeparationMinima.Default.HorizontalM });
        var pHi = new NpgsqlParameter<double>("hi", NpgsqlDbType.Double);
        query.Parameters.Add(pHi);
        var pLo = new NpgsqlParameter<double>("lo", NpgsqlDbType.Double);
        query.Parameters.Add(pLo);
        var pEnd = new NpgsqlParameter<DateTimeOffset>("tend", NpgsqlDbType.TimestampTz);
        query.Parameters.Add(pEnd);
        var pStart = new NpgsqlParameter<DateTimeOffset>("tstart", NpgsqlDbType.TimestampTz);
        query.Parameters.Add(pStart);
        var pOwner = new NpgsqlParameter<int>("owner", NpgsqlDbType.Integer);
        query.Parameters.Add(pOwner);
        await query.PrepareAsync();

        var pgTimes = new List<double>();
        var indexTimes = new List<double>();
        var mismatches = 0;
        var pgFound = 0;
        var ours = new List<long>();
        for (var i = 0; i < probes.Length; i++)
        {
            var probe = probes[i].Volume;
            var (wkt, radius) = ToWkt(probe.Footprint);
            pWkt.TypedValue = wkt;
            pRadius.TypedValue = radius;
            pHi.TypedValue = probe.AltitudeUpperM + SeparationMinima.Default.VerticalM;
            pLo.TypedValue = probe.AltitudeLowerM - SeparationMinima.Default.VerticalM;
            pEnd.TypedValue = End(probe);
            pStart.TypedValue = probe.TimeStart;
            pOwner.TypedValue = probes[i].Owner;

            var start = Stopwatch.GetTimestamp();
            var theirs = new List<long>();
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    theirs.Add(reader.GetInt64(0));
                }
            }

            var pgMicros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;

            // The index is timed twice per probe and the second run kept, as a warm cache is what PostGIS gets too.
            ours.Clear();
            index.Query(probe, probes[i].Owner, SeparationMinima.Default, ours);
            ours.Clear();
            start = Stopwatch.GetTimestamp();
            index.Query(probe, probes[i].Owner, SeparationMinima.Default, ours);
            var indexMicros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;

            if (i < WarmUp)
            {
                continue;
            }

            pgTimes.Add(pgMicros);
            indexTimes.Add(indexMicros);
            pgFound += theirs.Count;
            theirs.Sort();
            ours.Sort();
            if (!theirs.SequenceEqual(ours))
            {
                mismatches++;
                foreach (var key in theirs.Except(ours).Select(k => (Key: k, Side: "PostGIS only"))
                    .Concat(ours.Except(theirs).Select(k => (Key: k, Side: "index only"))))
                {
                    var stored = volumes[key.Key - 1].Volume;
                    var distance = FootprintDistance.HorizontalDistanceM(probe.Footprint, stored.Footprint);
                    Console.WriteLine(string.Create(Inv, $"  probe {probes[i].Key}: key {key.Key} {key.Side}; exact distance {distance:F1} m ({probe.Footprint.GetType().Name} vs {stored.Footprint.GetType().Name}; PostGIS stores circles as 32-gons)"));
                }
            }
        }

        var pgMedian = Median(pgTimes);
        var indexMedian = Median(indexTimes);
        Console.WriteLine(string.Create(Inv, $"[{size:N0}] query median over {pgTimes.Count} probes: PostGIS {pgMedian:F1} µs, VolumeIndex {indexMedian:F2} µs, ratio {pgMedian / indexMedian:F0}x; conflicts found by PostGIS {pgFound}, probes with different answers {mismatches}"));
        await ExecuteAsync(conn, "DROP TABLE volume_bench");
    }

    private static DateTimeOffset End(Volume4D volume) =>
        volume.TimeEnd ?? new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>WKT in longitude-latitude order, and the radius in metres for circles (0 for polygons).</summary>
    private static (string Wkt, double RadiusM) ToWkt(Footprint footprint)
    {
        switch (footprint)
        {
            case CircleFootprint c:
                return (string.Create(Inv, $"POINT({c.Center.Lng:R} {c.Center.Lat:R})"), c.RadiusM);
            case PolygonFootprint p:
                var text = new StringBuilder("POLYGON((");
                foreach (var v in p.Vertices)
                {
                    text.Append(Inv, $"{v.Lng:R} {v.Lat:R},");
                }

                text.Append(Inv, $"{p.Vertices[0].Lng:R} {p.Vertices[0].Lat:R}))");
                return (text.ToString(), 0);
            default:
                throw new ArgumentException("Unknown footprint.", nameof(footprint));
        }
    }
}
