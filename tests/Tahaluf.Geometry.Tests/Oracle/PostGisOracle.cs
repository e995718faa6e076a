using Npgsql;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Judges <see cref="OracleCase"/>s with PostGIS <c>geography</c> on the WGS84 spheroid, in batches of one
/// query each (arrays unnested server-side) rather than one round trip per pair.
/// </summary>
internal sealed class PostGisOracle(NpgsqlDataSource dataSource)
{
    private const int BatchSize = 500;

    // Circles travel as centre points plus radius: the distance from anything to a geodesic disc is the
    // distance to its centre minus the radius (the ellipsoid is a length space), so ST_DWithin against
    // the centre at minimum + radii is the exact horizontal rule for circles.
    private const string JudgeSql = """
        SELECT GREATEST(ST_Distance(t.ag, t.bg, true) - t.a_r - t.b_r, 0) AS distance_m,
               ST_DWithin(t.ag, t.bg, t.h + t.a_r + t.b_r, true) AS horizontal,
               t.a_start - make_interval(secs => t.ts) < COALESCE(t.b_end, 'infinity'::timestamptz)
                 AND t.b_start < COALESCE(t.a_end + make_interval(secs => t.ts), 'infinity'::timestamptz) AS time_overlaps,
               t.a_lower - t.v <= t.b_upper AND t.b_lower <= t.a_upper + t.v AS altitude_overlaps
        FROM (
            SELECT u.*, ST_GeogFromText(u.a_wkt) AS ag, ST_GeogFromText(u.b_wkt) AS bg
            FROM unnest(@id, @a_wkt, @a_r, @b_wkt, @b_r, @a_lower, @a_upper, @b_lower, @b_upper,
                        @a_start, @a_end, @b_start, @b_end, @h, @v, @ts)
                 AS u(id, a_wkt, a_r, b_wkt, b_r, a_lower, a_upper, b_lower, b_upper,
                      a_start, a_end, b_start, b_end, h, v, ts)
        ) AS t
        ORDER BY t.id
        """;

    /// <summary>One verdict per case, in the same order.</summary>
    public async Task<IReadOnlyList<OracleVerdict>> JudgeAsync(IReadOnlyList<OracleCase> cases)
    {
        var verdicts = new List<OracleVerdict>(cases.Count);
        for (var offset = 0; offset < cases.Count; offset += BatchSize)
        {
            var batch = cases.Skip(offset).Take(BatchSize).ToArray();
            verdicts.AddRange(await JudgeBatchAsync(batch));
        }

        return verdicts;
    }

    /// <summary>PostGIS horizontal distance (metres) between each pair of footprints, in order.</summary>
    public async Task<IReadOnlyList<double>> DistancesAsync(IReadOnlyList<(Footprint A, Footprint B)> pairs)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var cases = pairs
            .Select(p => new OracleCase(
                "probe",
                new Volume4D(p.A, 0, 1, start, start.AddHours(1)),
                new Volume4D(p.B, 0, 1, start, start.AddHours(1)),
                SeparationMinima.Default))
            .ToArray();
        return (await JudgeAsync(cases)).Select(v => v.DistanceM).ToArray();
    }

    private async Task<OracleVerdict[]> JudgeBatchAsync(OracleCase[] batch)
    {
        await using var command = dataSource.CreateCommand(JudgeSql);
        AddArray(command, "id", batch.Select((_, i) => i));
        AddArray(command, "a_wkt", batch.Select(c => OracleWkt.Geography(c.A.Footprint)));
        AddArray(command, "a_r", batch.Select(c => OracleWkt.RadiusM(c.A.Footprint)));
        AddArray(command, "b_wkt", batch.Select(c => OracleWkt.Geography(c.B.Footprint)));
        AddArray(command, "b_r", batch.Select(c => OracleWkt.RadiusM(c.B.Footprint)));
        AddArray(command, "a_lower", batch.Select(c => c.A.AltitudeLowerM));
        AddArray(command, "a_upper", batch.Select(c => c.A.AltitudeUpperM));
        AddArray(command, "b_lower", batch.Select(c => c.B.AltitudeLowerM));
        AddArray(command, "b_upper", batch.Select(c => c.B.AltitudeUpperM));
        AddArray(command, "a_start", batch.Select(c => c.A.TimeStart.UtcDateTime));
        AddArray(command, "a_end", batch.Select(c => c.A.TimeEnd?.UtcDateTime));
        AddArray(command, "b_start", batch.Select(c => c.B.TimeStart.UtcDateTime));
        AddArray(command, "b_end", batch.Select(c => c.B.TimeEnd?.UtcDateTime));
        AddArray(command, "h", batch.Select(c => c.Minima.HorizontalM));
        AddArray(command, "v", batch.Select(c => c.Minima.VerticalM));
        AddArray(command, "ts", batch.Select(c => c.Minima.TimeS));

        var verdicts = new OracleVerdict[batch.Length];
        var row = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            verdicts[row++] = new OracleVerdict(
                reader.GetDouble(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        if (row != batch.Length)
        {
            throw new InvalidOperationException($"PostGIS returned {row} rows for a batch of {batch.Length}.");
        }

        return verdicts;
    }

    private static void AddArray<T>(NpgsqlCommand command, string name, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, values.ToArray()));
}
