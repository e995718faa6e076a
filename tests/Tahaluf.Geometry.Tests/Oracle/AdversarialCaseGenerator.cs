using System.Globalization;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Hand-made hard cases: the antimeridian, latitudes above 80 degrees and the poles, edges longer than
/// 500 km whose great-circle bulge decides the answer, circles against polygons, touching, nested and
/// crossing shapes, slivers, time and altitude edges, and pairs placed 9,200 to 9,320 m apart. Pairs
/// that need an exact distance are placed with PostGIS itself: a circle's radius is set to its centre's
/// measured distance minus the target, which is exact for a geodesic disc; a polygon is slid along a
/// bearing by secant steps.
/// </summary>
internal sealed class AdversarialCaseGenerator(PostGisOracle oracle)
{
    private static readonly double[] NearTargetsM = [9_200, 9_205, 9_210, 9_250, 9_260, 9_270, 9_310, 9_315, 9_320];
    private static readonly double[] ClearTargetsM = [0, 1_000, 5_000, 8_000, 10_500, 15_000, 40_000];

    private readonly List<OracleCase> _cases = [];
    private readonly List<(string Label, Footprint Other, LatLng Center, double TargetM)> _tunedCircles = [];
    private readonly List<(string Label, Footprint Fixed, Func<double, Footprint> Moving, double TargetM, double GuessM)> _tunedSlides = [];
    private readonly Random _random = new(4_774);

    public async Task<IReadOnlyList<OracleCase>> GenerateAsync()
    {
        AddAntimeridian();
        AddHighLatitudes();
        AddLongEdges();
        AddCirclesAgainstPolygons();
        AddTouchingNestedCrossingAndSlivers();
        AddTimeAndAltitudeEdges();
        AddNearThresholdGrid();
        await ResolveTunedCirclesAsync();
        await ResolveTunedSlidesAsync();
        return _cases;
    }

    private void AddAntimeridian()
    {
        var straddling = ShapeFactory.Polygon((-1, 179), (-1, -179), (1, -179), (1, 179));
        Fixed("antimeridian: straddling square vs circle 4.6 km east", straddling, ShapeFactory.Circle(0, -178.95, 1_000));
        Fixed("antimeridian: straddling square vs circle 10 km east", straddling, ShapeFactory.Circle(0, -178.9, 1_000));
        Fixed("antimeridian: straddling square vs circle on the far side", straddling, ShapeFactory.Circle(0, 1, 1_000));
        Fixed("antimeridian: circle inside straddling square", straddling, ShapeFactory.Circle(0.5, 179.9, 500));

        var west = ShapeFactory.Polygon((10, 179.9), (10, 179.98), (10.1, 179.98), (10.1, 179.9));
        var east = ShapeFactory.Polygon((10, -179.98), (10, -179.9), (10.1, -179.9), (10.1, -179.98));
        Fixed("antimeridian: squares 4.4 km apart across it", west, east);
        var eastFar = ShapeFactory.Polygon((10, -179.85), (10, -179.8), (10.1, -179.8), (10.1, -179.85));
        Fixed("antimeridian: squares 19 km apart across it", west, eastFar);

        var alongSeam = ShapeFactory.Polygon((10, 180), (20, 180), (20, 175), (10, 175));
        foreach (var target in new double[] { 9_205, 9_315, 1_000, 25_000 })
        {
            Tune($"antimeridian: circle east of an edge lying on it at {target} m", alongSeam, new LatLng(15, -179.5), target);
        }

        var seam = ShapeFactory.Polygon((-20, 180), (-20, 179.5), (-19.5, 179.5), (-19.5, 180));
        var otherSeam = ShapeFactory.Polygon((-20.2, -180), (-20.2, -179.5), (-19.7, -179.5), (-19.7, -180));
        Fixed("antimeridian: vertices at +180 and -180 overlapping", seam, otherSeam);

        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"antimeridian: circle east of straddling square at {target} m", straddling, new LatLng(0.3, -178.6), target);
            Tune($"antimeridian: circle vs circle across it at {target} m", ShapeFactory.Circle(-35, 179.97, 2_000), new LatLng(-35.02, -179.4), target);
        }

        var highSeam = ShapeFactory.StarPolygon(new LatLng(84, 180), 150_000, 9, 0.3, _random);
        foreach (var target in new double[] { 9_205, 9_315, 3_000, 20_000 })
        {
            Tune($"antimeridian at 84N: circle vs polygon at {target} m", highSeam, new LatLng(82, -178), target);
        }
    }

    private void AddHighLatitudes()
    {
        var northCap = ShapeFactory.StarPolygon(new LatLng(89.5, 30), 200_000, 8, 0.2, _random);
        Fixed("pole: circle on the pole inside a polygon covering it", northCap, ShapeFactory.Circle(90, 0, 1_000));
        Fixed("pole: polygons on both sides of the pole overlapping", northCap, ShapeFactory.StarPolygon(new LatLng(88.6, -150), 60_000, 5, 0.2, _random));
        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"pole: circle beyond the pole from a cap at {target} m", northCap, new LatLng(87.2, -150), target);
        }

        var southCap = ShapeFactory.Polygon((-87, 0), (-87, 72), (-87, 144), (-87, -144), (-87, -72));
        Fixed("south pole: circle on the pole inside a ring at 87S", southCap, ShapeFactory.Circle(-90, 0, 5_000));
        Fixed("south pole: far circle", southCap, ShapeFactory.Circle(-80, 36, 5_000));
        Fixed("north pole: circles on opposite meridians 11 km apart, radii 500 m", ShapeFactory.Circle(89.95, 0, 500), ShapeFactory.Circle(89.95, 180, 500));
        Fixed("north pole: circles on opposite meridians 11 km apart, radii 1 km", ShapeFactory.Circle(89.95, 0, 1_000), ShapeFactory.Circle(89.95, 180, 1_000));
        foreach (var target in new double[] { 9_205, 9_315, 500, 30_000 })
        {
            Tune($"south pole: circle across the pole at {target} m", southCap, new LatLng(-86, 36), target);
        }

        // A vertex on the pole, and an edge running over it.
        var poleVertex = ShapeFactory.Polygon((90, 0), (86, -30), (86, 30));
        Fixed("pole: polygon with a vertex on the pole vs circle across it", poleVertex, ShapeFactory.Circle(89.95, 150, 1_000));
        var overPole = ShapeFactory.Polygon((85, 0), (85, 180), (80, 90));
        Fixed("pole: edge over the pole vs circle on the pole", overPole, ShapeFactory.Circle(90, 0, 500));
        Fixed("pole: edge over the pole vs circle inside", overPole, ShapeFactory.Circle(88, 90, 500));
        foreach (var target in new double[] { 9_205, 9_315, 1_000, 25_000 })
        {
            Tune($"pole: circle beyond an edge over the pole at {target} m", overPole, new LatLng(86, -90), target);
            Tune($"pole: circle beyond a vertex on the pole at {target} m", poleVertex, new LatLng(88.5, 180), target);
        }

        // Edge from (84N, 0E) to (84N, 60E): the great circle passes near 84.7N at 30E, so distances
        // measured to the parallel instead of the arc are off by tens of kilometres.
        var arcticBand = ShapeFactory.Polygon((84, 0), (84, 60), (81, 60), (81, 0));
        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"84N edge 650 km long: circle poleward of its bulge at {target} m", arcticBand, new LatLng(85.2, 30), target);
        }

        Fixed("84N edge: circle between the parallel and the arc (inside)", arcticBand, ShapeFactory.Circle(84.5, 30, 1_000));
        Fixed("84N edge: circle just beyond the arc", arcticBand, ShapeFactory.Circle(84.95, 30, 1_000));
    }

    private void AddLongEdges()
    {
        // Edges of about 860 km along 50N and 45N: the arcs bulge poleward by about 17 and 15 km.
        var north = ShapeFactory.Polygon((50, 0), (50, 12), (45, 12), (45, 0));
        var south = ShapeFactory.Polygon((-50, 0), (-45, 0), (-45, 12), (-50, 12));
        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"long edge 50N: circle north of the bulging edge at {target} m", north, new LatLng(50.6, 6), target);
            Tune($"long edge 45N: circle south of the receding edge at {target} m", north, new LatLng(44.7, 6), target);
            Tune($"long edge 50S: circle south of the bulging edge at {target} m", south, new LatLng(-50.6, 6), target);
        }

        Fixed("long edge 50N: circle inside the bulge, outside the parallel", north, ShapeFactory.Circle(50.1, 6, 500));
        Fixed("long edge 45N: circle outside the arc, inside the parallel", north, ShapeFactory.Circle(45.05, 6, 500));
        Fixed("long edge 50S: circle inside the bulge, outside the parallel", south, ShapeFactory.Circle(-50.1, 6, 500));

        foreach (var target in new double[] { 9_205, 9_315, 2_000, 20_000 })
        {
            Slide(
                $"long edge 50N: square slid north of the bulging edge to {target} m",
                north,
                s => ShapeFactory.StarPolygon(SphereMath.Destination(new LatLng(50.15, 6), 0, s), 3_000, 4, 0, new Random(1), 45),
                target,
                target + 4_200);
        }

        // Syria-sized polygon (edges 300-600 km) against the S-400 ring at Hmeimim and a far Gulf box.
        var syria = ShapeFactory.Polygon((37.3, 42.4), (33.4, 41.0), (32.3, 36.8), (33.3, 35.6), (35.9, 35.7), (36.8, 36.6));
        Fixed("levant: country-sized polygon vs 400 km ring at Hmeimim", syria, ShapeFactory.Circle(35.41, 35.95, 400_000));
        Fixed("levant: country-sized polygon vs box in the Gulf", syria, ShapeFactory.Polygon((26, 50), (26, 51), (27, 51), (27, 50)));
        foreach (var target in new double[] { 9_205, 9_315, 4_000, 14_000 })
        {
            Tune($"levant: circle east of the 550 km eastern edge at {target} m", syria, new LatLng(35.4, 42.3), target);
        }
    }

    private void AddCirclesAgainstPolygons()
    {
        var box = ShapeFactory.Polygon((33, 36), (33, 36.5), (33.4, 36.5), (33.4, 36));
        Fixed("circle centre inside polygon", box, ShapeFactory.Circle(33.2, 36.2, 100));
        Fixed("polygon inside a circle", box, ShapeFactory.Circle(33.2, 36.25, 80_000));
        Fixed("circle overlapping a polygon corner", box, ShapeFactory.Circle(32.98, 35.98, 5_000));
        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"circle off a polygon corner at {target} m", box, new LatLng(32.6, 35.6), target);
            Tune($"circle off a polygon edge at {target} m", box, new LatLng(33.2, 37.0), target);
            Tune($"circle vs circle at {target} m", ShapeFactory.Circle(33, 36, 25_000), new LatLng(33.5, 36.5), target);
        }
    }

    private void AddTouchingNestedCrossingAndSlivers()
    {
        var left = ShapeFactory.Polygon((34, 38), (34, 38.5), (34.5, 38.5), (34.5, 38));
        var right = ShapeFactory.Polygon((34, 38.5), (34, 39), (34.5, 39), (34.5, 38.5));
        var corner = ShapeFactory.Polygon((34.5, 38.5), (34.5, 39), (35, 39), (35, 38.5));
        Fixed("touching: shared edge", left, right);
        Fixed("touching: shared vertex", left, corner);

        var big = ShapeFactory.StarPolygon(new LatLng(20, 10), 300_000, 12, 0.2, _random);
        var small = ShapeFactory.StarPolygon(new LatLng(20, 10), 1_000, 5, 0.2, _random);
        Fixed("nested: small polygon 250 km inside a big one", big, small);
        Fixed("nested: small polygon inside a big one (reversed)", small, big);
        Fixed("nested: concentric circles", ShapeFactory.Circle(-10, -60, 100_000), ShapeFactory.Circle(-10, -60, 1_000));
        Fixed("nested: circle deep inside a polygon", big, ShapeFactory.Circle(20, 10, 2_000));
        Fixed("nested: polygon inside a circle", ShapeFactory.Circle(20, 10, 400_000), small);
        _cases.Add(new OracleCase(
            "nested: polygons separated in altitude",
            new Volume4D(big, 0, 1_000, ShapeFactory.Epoch, ShapeFactory.Epoch.AddHours(1)),
            new Volume4D(small, 2_000, 3_000, ShapeFactory.Epoch, ShapeFactory.Epoch.AddHours(1)),
            SeparationMinima.Default));

        // Two 100 km slivers crossing at their middles: every vertex is 50 km from the other shape,
        // only the edge crossing makes the distance 0.
        var crossA = Sliver(new LatLng(-25, 135), 0, 100_000, 30);
        var crossB = Sliver(new LatLng(-25, 135), 90, 100_000, 30);
        Fixed("crossing slivers, no vertex inside the other", crossA, crossB);
        var plusA = Rectangle(new LatLng(48, -100), 0, 80_000, 2_000);
        var plusB = Rectangle(new LatLng(48, -100), 90, 80_000, 2_000);
        Fixed("crossing rectangles (plus sign)", plusA, plusB);

        var sliver = Sliver(new LatLng(5, 100), 30, 300_000, 20);
        foreach (var target in NearTargetsM.Concat(ClearTargetsM))
        {
            Tune($"sliver 300 km x 20 m: circle off its long side at {target} m", sliver, SphereMath.Destination(new LatLng(5, 100), 120, 60_000), target);
            Tune($"sliver 300 km x 20 m: circle off its tip at {target} m", sliver, SphereMath.Destination(new LatLng(5, 100), 30, 200_000), target);
        }

        Fixed("circles 226 m apart at the equator", ShapeFactory.Circle(0, 0, 1_000), ShapeFactory.Circle(0, 0.02, 1_000));
    }

    private void AddTimeAndAltitudeEdges()
    {
        var a = ShapeFactory.Polygon((30, 30), (30, 30.5), (30.5, 30.5), (30.5, 30));
        var b = ShapeFactory.Circle(30.25, 30.25, 5_000);
        var t0 = ShapeFactory.Epoch;
        var wide = new SeparationMinima(9_260, 304.8, 60);
        var cases = new (string Label, Volume4D A, Volume4D B, SeparationMinima Minima)[]
        {
            ("time: windows touching (half-open)", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 0, 1_000, t0.AddHours(1), t0.AddHours(2)), SeparationMinima.Default),
            ("time: windows overlapping by 1 s", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 0, 1_000, t0.AddSeconds(3_599), t0.AddHours(2)), SeparationMinima.Default),
            ("time: 60 s minimum, gap exactly 60 s", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 0, 1_000, t0.AddSeconds(3_660), t0.AddHours(2)), wide),
            ("time: 60 s minimum, gap 59 s", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 0, 1_000, t0.AddSeconds(3_659), t0.AddHours(2)), wide),
            ("time: 60 s minimum, gap 59 s (reversed)", new(b, 0, 1_000, t0.AddSeconds(3_659), t0.AddHours(2)), new(a, 0, 1_000, t0, t0.AddHours(1)), wide),
            ("time: open-ended zone vs later operation", new(a, 0, 1_000, t0, null), new(b, 0, 1_000, t0.AddDays(20), t0.AddDays(21)), SeparationMinima.Default),
            ("time: open-ended zone vs earlier operation", new(a, 0, 1_000, t0, null), new(b, 0, 1_000, t0.AddDays(-2), t0), SeparationMinima.Default),
            ("time: two open-ended zones", new(a, 0, 1_000, t0.AddDays(5), null), new(b, 0, 1_000, t0, null), SeparationMinima.Default),
            ("altitude: gap 304.3 m", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 1_304.3, 2_000, t0, t0.AddHours(1)), SeparationMinima.Default),
            ("altitude: gap 305.3 m", new(a, 0, 1_000, t0, t0.AddHours(1)), new(b, 1_305.3, 2_000, t0, t0.AddHours(1)), SeparationMinima.Default),
            ("altitude: gap 305.3 m below", new(a, 1_305.3, 2_000, t0, t0.AddHours(1)), new(b, 0, 1_000, t0, t0.AddHours(1)), SeparationMinima.Default),
            ("altitude: nested bands", new(a, 0, 10_000, t0, t0.AddHours(1)), new(b, 4_000, 4_100, t0, t0.AddHours(1)), SeparationMinima.Default),
            ("altitude: below the ellipsoid", new(a, -900, -500, t0, t0.AddHours(1)), new(b, -300, 100, t0, t0.AddHours(1)), SeparationMinima.Default),
        };
        foreach (var (label, va, vb, minima) in cases)
        {
            _cases.Add(new OracleCase(label, va, vb, minima));
        }
    }

    // Targets in the band and just outside it at assorted places and sizes, so that the band logic and
    // the engine's accuracy near the minimum are both exercised far from any special geometry too.
    private void AddNearThresholdGrid()
    {
        for (var i = 0; i < 60; i++)
        {
            var lat = (_random.NextDouble() * 160) - 80;
            var lng = (_random.NextDouble() * 360) - 180;
            var center = new LatLng(lat, lng);
            var other = i % 2 == 0
                ? (Footprint)ShapeFactory.StarPolygon(center, 1_000 + (_random.NextDouble() * 200_000), 3 + (i % 9), 0.5, _random)
                : new CircleFootprint(center, 1_000 + (_random.NextDouble() * 200_000));
            var probe = SphereMath.Destination(center, _random.NextDouble() * 360, 450_000);
            var target = NearTargetsM[i % NearTargetsM.Length];
            Tune($"grid #{i}: circle vs {(i % 2 == 0 ? "polygon" : "circle")} at {target} m", other, probe, target);
        }
    }

    private void Fixed(string label, Footprint a, Footprint b)
    {
        _cases.Add(new OracleCase(label, ShapeFactory.Volume(a), ShapeFactory.Volume(b), SeparationMinima.Default));
        _cases.Add(new OracleCase(label + " (reversed)", ShapeFactory.Volume(b), ShapeFactory.Volume(a), SeparationMinima.Default));
    }

    private void Tune(string label, Footprint other, LatLng center, double targetM) =>
        _tunedCircles.Add((label, other, center, targetM));

    private void Slide(string label, Footprint fixedFootprint, Func<double, Footprint> moving, double targetM, double guessM) =>
        _tunedSlides.Add((label, fixedFootprint, moving, targetM, guessM));

    private async Task ResolveTunedCirclesAsync()
    {
        var distances = await oracle.DistancesAsync(
            _tunedCircles.Select(t => (t.Other, (Footprint)new CircleFootprint(t.Center, 0))).ToArray());
        for (var i = 0; i < _tunedCircles.Count; i++)
        {
            var (label, other, center, target) = _tunedCircles[i];
            var radius = distances[i] - target;
            if (radius <= 0)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Adversarial case '{label}' is misplaced: its centre is {distances[i]:F0} m away, below the target."));
            }

            var circle = new CircleFootprint(center, radius);
            Fixed(label, other, circle);
        }
    }

    private async Task ResolveTunedSlidesAsync()
    {
        var s0 = _tunedSlides.Select(t => t.GuessM).ToArray();
        var s1 = _tunedSlides.Select(t => t.GuessM + 2_000).ToArray();
        var d0 = await SlideDistancesAsync(s0);
        var d1 = await SlideDistancesAsync(s1);
        for (var round = 0; round < 3; round++)
        {
            var next = new double[s1.Length];
            for (var i = 0; i < next.Length; i++)
            {
                var slope = Math.Abs(d1[i] - d0[i]) > 1e-9 ? (s1[i] - s0[i]) / (d1[i] - d0[i]) : 1;
                next[i] = s1[i] + ((_tunedSlides[i].TargetM - d1[i]) * slope);
            }

            (s0, d0) = (s1, d1);
            s1 = next;
            d1 = await SlideDistancesAsync(s1);
        }

        for (var i = 0; i < _tunedSlides.Count; i++)
        {
            var t = _tunedSlides[i];
            Fixed(t.Label, t.Fixed, t.Moving(s1[i]));
        }
    }

    private async Task<double[]> SlideDistancesAsync(double[] offsets) =>
        [.. await oracle.DistancesAsync(_tunedSlides.Select((t, i) => (t.Fixed, t.Moving(offsets[i]))).ToArray())];

    // A triangle lengthM long and widthM wide at its middle, centred on centre along the bearing.
    private static PolygonFootprint Sliver(LatLng centre, double bearingDeg, double lengthM, double widthM) =>
        new([
            SphereMath.Destination(centre, bearingDeg, lengthM / 2),
            SphereMath.Destination(centre, bearingDeg + 90, widthM),
            SphereMath.Destination(centre, bearingDeg + 180, lengthM / 2),
        ]);

    private static PolygonFootprint Rectangle(LatLng centre, double bearingDeg, double lengthM, double widthM)
    {
        // Offsets are taken square to the centre line where it meets each end, whose bearing differs
        // from the bearing at the centre on a sphere.
        var end1 = SphereMath.Destination(centre, bearingDeg, lengthM / 2);
        var end2 = SphereMath.Destination(centre, bearingDeg + 180, lengthM / 2);
        var back1 = SphereMath.BearingDeg(end1, centre);
        var back2 = SphereMath.BearingDeg(end2, centre);
        return new([
            SphereMath.Destination(end1, back1 + 90, widthM / 2),
            SphereMath.Destination(end1, back1 - 90, widthM / 2),
            SphereMath.Destination(end2, back2 + 90, widthM / 2),
            SphereMath.Destination(end2, back2 - 90, widthM / 2),
        ]);
    }
}
