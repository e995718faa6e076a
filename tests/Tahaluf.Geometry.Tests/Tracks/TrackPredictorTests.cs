using System.Collections.Immutable;
using Tahaluf.Geometry.Tracks;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Tracks;

public class TrackPredictorTests
{
    private const double Now = 1000;

    // Scalar all-pairs reference, independent of the grid and the vector kernel.
    private static List<(long, long)> Reference(TrackSet set, EncounterLimits limits)
    {
        var states = Enumerable.Range(0, set.Count).Select(i => set.StateAt(i, Now)).ToArray();
        var pairs = new List<(long, long)>();
        for (var i = 0; i < set.Count; i++)
        {
            for (var j = i + 1; j < set.Count; j++)
            {
                if (set.Owners[i] != set.Owners[j] && ClosestApproach.Compute(states[i], states[j], limits).Conflicts)
                {
                    var (a, b) = (set.Ids[i], set.Ids[j]);
                    pairs.Add(a < b ? (a, b) : (b, a));
                }
            }
        }

        pairs.Sort();
        return pairs;
    }

    [Theory]
    [InlineData(1, 3000, 10.0, 20.0, 1.0)]      // mid latitudes, dense
    [InlineData(2, 3000, 0.0, 179.5, 1.0)]      // across the antimeridian
    [InlineData(3, 2000, 89.2, 0.0, 0.8)]       // around the north pole
    [InlineData(4, 2000, -88.5, -120.0, 1.5)]   // near the south pole
    [InlineData(5, 4000, 35.0, 36.0, 4.0)]      // sparse, several cells
    public void Cycle_RandomScene_FindsExactlyTheAllPairsConflicts(int seed, int n, double lat, double lng, double halfDeg)
    {
        var set = TrackScenes.Random(seed, n, lat, lng, halfDeg);
        var predictor = new TrackPredictor(EncounterLimits.Default);

        var prediction = predictor.Cycle(set, Now);
        var allPairs = predictor.CycleAllPairs(set, Now);
        var reference = Reference(set, EncounterLimits.Default);

        var grid = prediction.TrackConflicts.Select(c => (c.IdA, c.IdB)).ToList();
        Assert.NotEmpty(reference);
        Assert.Equal(reference, grid);
        Assert.Equal(reference, allPairs.Select(c => (c.IdA, c.IdB)).ToList());
        Assert.True(prediction.CandidatePairs < (long)n * (n - 1) / 2 || halfDeg < 2, "the broad phase should prune");
    }

    // Two tracks side by side on parallel courses, starting just inside the horizontal minimum, then well outside
    // (straight ECEF paths from different tangent planes converge by tens of metres over the look-ahead): the
    // swept-box filter must keep the first pair, whose boxes overlap by only a few metres.
    [Theory]
    [InlineData(0.0, 35.0, 36.0)]
    [InlineData(45.0, 10.0, 20.0)]
    [InlineData(90.0, -60.0, 170.0)]
    [InlineData(200.0, 0.0, 179.99)]
    [InlineData(315.0, 80.0, -40.0)]
    public void Cycle_ParallelPairAtTheMinimum_IsFoundOnlyInside(double headingDeg, double lat, double lng)
    {
        var limits = EncounterLimits.Default;
        foreach (var (gap, expected) in new[] { (-0.5, true), (500.0, false) })
        {
            var set = ParallelPair(headingDeg, lat, lng, limits.HorizontalM + gap);
            var reference = Reference(set, limits);
            var found = new TrackPredictor(limits).Cycle(set, Now).TrackConflicts.Select(c => (c.IdA, c.IdB)).ToList();
            Assert.Equal(expected, reference.Count == 1);
            Assert.Equal(reference, found);
        }
    }

    // A second track abeam the first (to its right) at a chord distance of separationM, same speed and course.
    private static TrackSet ParallelPair(double headingDeg, double lat, double lng, double separationM)
    {
        var rad = headingDeg * Math.PI / 180;
        var (east, north) = (250 * Math.Sin(rad), 250 * Math.Cos(rad));
        var (abeamEast, abeamNorth) = (Math.Cos(rad), -Math.Sin(rad));
        TrackSet Build(double offsetDeg)
        {
            var set = new TrackSet(2);
            set.Add(1, 0, new LatLng(lat, lng), 5000, east, north, 0, Now);
            var lng2 = lng + (abeamEast * offsetDeg / Math.Cos(lat * Math.PI / 180));
            lng2 = lng2 > 180 ? lng2 - 360 : lng2;
            set.Add(2, 1, new LatLng(lat + (abeamNorth * offsetDeg), lng2), 5000, east, north, 0, Now);
            return set;
        }

        double Distance(TrackSet set)
        {
            var (a, b) = (set.StateAt(0, Now), set.StateAt(1, Now));
            return Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)) + ((a.Z - b.Z) * (a.Z - b.Z)));
        }

        var (lo, hi) = (0.0, 0.5);
        for (var step = 0; step < 80; step++)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Distance(Build(mid)) < separationM ? (mid, hi) : (lo, mid);
        }

        return Build((lo + hi) / 2);
    }

    [Fact]
    public void Cycle_EncounterValues_MatchScalarKernel()
    {
        var set = TrackScenes.Random(9, 1500, 50, 10, 0.7);
        var index = Enumerable.Range(0, set.Count).ToDictionary(i => set.Ids[i]);

        var prediction = new TrackPredictor(EncounterLimits.Default).Cycle(set, Now);

        Assert.NotEmpty(prediction.TrackConflicts);
        foreach (var c in prediction.TrackConflicts)
        {
            var expected = ClosestApproach.Compute(set.StateAt(index[c.IdA], Now), set.StateAt(index[c.IdB], Now), EncounterLimits.Default);
            Assert.True(expected.Conflicts);
            Assert.Equal(expected.ClosestApproachS, c.Encounter.ClosestApproachS, 6);
            Assert.Equal(expected.HorizontalMissM, c.Encounter.HorizontalMissM, 3);
            Assert.Equal(expected.WindowStartS, c.Encounter.WindowStartS, 6);
            Assert.Equal(expected.WindowEndS, c.Encounter.WindowEndS, 6);
        }
    }

    [Fact]
    public void Cycle_SameOwner_NeverConflicts()
    {
        var set = TrackScenes.Random(11, 500, 20, 20, 0.3, owners: 1);

        var prediction = new TrackPredictor(EncounterLimits.Default).Cycle(set, Now);

        Assert.Empty(prediction.TrackConflicts);
        Assert.NotEmpty(new TrackPredictor(EncounterLimits.Default).Cycle(TrackScenes.Random(11, 500, 20, 20, 0.3, owners: 2), Now).TrackConflicts);
    }

    [Fact]
    public void Cycle_ExtrapolatesReportsToTheCycleInstant()
    {
        var set = new TrackSet();
        // Reported 60 s ago 36 km apart, closing at 600 m/s: now they are at the same point.
        set.Add(1, 1, new LatLng(0, 0), 5000, 300, 0, 0, Now - 60);
        set.Add(2, 2, new LatLng(0, 0.3234), 5000, -300, 0, 0, Now - 60);

        var prediction = new TrackPredictor(EncounterLimits.Default).Cycle(set, Now);

        var conflict = Assert.Single(prediction.TrackConflicts);
        Assert.True(conflict.Encounter.ClosestApproachS < 1, $"cpa {conflict.Encounter.ClosestApproachS}");
        Assert.Equal(0, conflict.Encounter.WindowStartS);
    }

    [Fact]
    public void Cycle_FixedAndAnchoredZones_ReportEntries()
    {
        var set = new TrackSet();
        set.Add(1, 1, new LatLng(35.0, 35.0), 5000, 250, 0, 0, Now);          // flies east into the circle
        set.Add(2, 2, new LatLng(35.0, 35.5), 0, 5, 0, 0, Now);               // the ship the ring is anchored to
        set.Add(3, 1, new LatLng(35.5, 35.5), 5000, 5, 0, 0, Now);            // escorts far from it
        set.Add(4, 2, new LatLng(35.0, 35.0), 5000, 250, 0, 0, Now);          // owner of the ring: never reported
        var ring = new Volume4D(new CircleFootprint(new LatLng(35.0, 35.5), 20000), 0, 10000, DateTimeOffset.FromUnixTimeSeconds(0), null);
        var box = new Volume4D(
            new PolygonFootprint(ImmutableArray.Create(new LatLng(35.4, 35.4), new LatLng(35.4, 35.6), new LatLng(35.6, 35.6), new LatLng(35.6, 35.4))),
            4000, 6000, DateTimeOffset.FromUnixTimeSeconds(0), DateTimeOffset.FromUnixTimeSeconds(5000));
        var zones = new[] { new TrackZone(100, 2, ring, AnchorTrackId: 2), new TrackZone(200, 2, box) };

        var prediction = new TrackPredictor(EncounterLimits.Default).Cycle(set, Now, zones);

        Assert.Equal(2, prediction.ZoneEntries.Count);
        var ringEntry = prediction.ZoneEntries[0];
        Assert.Equal((1L, 100L, false), (ringEntry.TrackId, ringEntry.ZoneId, ringEntry.AlreadyInside));
        // 45.6 km from the ring's edge, closing at 245 m/s (the ship moves away at 5 m/s).
        Assert.InRange(ringEntry.EntryS, 70, 120);
        var boxEntry = prediction.ZoneEntries[1];
        Assert.Equal((3L, 200L, true, 0.0), (boxEntry.TrackId, boxEntry.ZoneId, boxEntry.AlreadyInside, boxEntry.EntryS));
    }
}
