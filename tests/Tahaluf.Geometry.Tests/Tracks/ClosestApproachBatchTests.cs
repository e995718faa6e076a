using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Geometry.Tracks;

namespace Tahaluf.Geometry.Tests.Tracks;

public class ClosestApproachBatchTests
{
    private static readonly EncounterLimits Limits = EncounterLimits.Default;

    private static void AssertSameAsScalar(TrackState one, TrackState[] others, EncounterLimits limits)
    {
        var x = others.Select(o => o.X).ToArray();
        var columns = new TrackColumns(
            x,
            others.Select(o => o.Y).ToArray(),
            others.Select(o => o.Z).ToArray(),
            others.Select(o => o.VelocityX).ToArray(),
            others.Select(o => o.VelocityY).ToArray(),
            others.Select(o => o.VelocityZ).ToArray(),
            others.Select(o => o.AltitudeM).ToArray(),
            others.Select(o => o.VerticalRateMps).ToArray());
        var results = new Encounter[others.Length];

        ClosestApproachBatch.Compute(one, columns, limits, results);

        for (var k = 0; k < others.Length; k++)
        {
            var expected = ClosestApproach.Compute(one, others[k], limits);
            var actual = results[k];
            Assert.True(expected.Conflicts == actual.Conflicts, $"element {k}: conflicts {expected.Conflicts} vs {actual.Conflicts}");
            AssertClose(expected.ClosestApproachS, actual.ClosestApproachS, k);
            AssertClose(expected.HorizontalMissM, actual.HorizontalMissM, k);
            AssertClose(expected.VerticalSeparationM, actual.VerticalSeparationM, k);
            AssertClose(expected.WindowStartS, actual.WindowStartS, k);
            AssertClose(expected.WindowEndS, actual.WindowEndS, k);
        }
    }

    private static void AssertClose(double expected, double actual, int k)
    {
        var scale = Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * scale, $"element {k}: {expected} vs {actual}");
    }

    [Fact]
    public void Compute_EdgeCases_EqualScalar()
    {
        var one = new TrackState(0, 0, 0, 0, 0, 0, 1000, 0);
        var cases = new[]
        {
            new TrackState(20000, 0, 0, -200, 0, 0, 1000, 0),          // head-on
            new TrackState(5000, 0, 0, 0, 0, 0, 1000, 0),              // parallel (zero relative velocity), inside
            new TrackState(50000, 0, 0, 0, 0, 0, 1000, 0),             // parallel, outside
            new TrackState(5000, 0, 0, 100, 0, 0, 1000, 0),            // diverging
            new TrackState(0, 0, 0, 0, 0, 0, 0, 10),                   // vertical only
            new TrackState(9260, 0, 0, 0, 0, 0, 1000, 0),              // exactly at H
            new TrackState(0, 0, 0, 0, 0, 0, 1304.8, 0),               // exactly at V
            new TrackState(0, 9260, 0, 0, 0, 0, 695.2, 0),             // at both
            new TrackState(0, 0, 0, 0, 0, 0, 1000, 0),                 // same point
            new TrackState(9260.000001, 0, 0, 0, 0, 0, 1000, 0),       // just outside H
            new TrackState(30000, 30000, 0, -250, -250, 0, 1000, 0),   // converging diagonally
            new TrackState(1000, 0, 0, 500, 0, 0, 1904.8, -10),        // minima at different times
            new TrackState(-40000, 100, 0, 300, 0, 0, 1200, -1),       // late entry
        };

        AssertSameAsScalar(one, cases, Limits);
        AssertSameAsScalar(one, cases, new EncounterLimits(0, 0, 0));
    }

    [Property(MaxTest = 200)]
    public Property Compute_RandomBatches_EqualScalar(int seed) =>
        Prop.ToProperty(Check(seed));

    private static bool Check(int seed)
    {
        var random = new Random(seed);
        double R(double span) => ((random.NextDouble() * 2) - 1) * span;
        var one = new TrackState(R(30000), R(30000), R(300), R(300), R(300), R(3), 3000 + R(2000), R(20));
        var n = random.Next(0, 23);
        var others = new TrackState[n];
        for (var k = 0; k < n; k++)
        {
            // Some lanes are exact copies or share velocity, to hit the degenerate branches.
            others[k] = random.Next(6) switch
            {
                0 => one,
                1 => one with { X = one.X + R(20000) },
                2 => one with { AltitudeM = one.AltitudeM + R(600), VerticalRateMps = one.VerticalRateMps },
                _ => new TrackState(R(60000), R(60000), R(500), R(300), R(300), R(3), 3000 + R(2000), random.Next(3) == 0 ? 0 : R(20)),
            };
        }

        AssertSameAsScalar(one, others, Limits);
        return true;
    }

    [Fact]
    public void Compute_ShortResults_Throws()
    {
        var values = new double[4];
        Assert.Throws<ArgumentException>(() =>
        {
            var columns = new TrackColumns(values, values, values, values, values, values, values, values);
            ClosestApproachBatch.Compute(default, columns, Limits, new Encounter[3]);
        });
    }
}
