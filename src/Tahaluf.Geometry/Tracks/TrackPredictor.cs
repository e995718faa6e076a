using System.Runtime.Intrinsics;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// One prediction cycle over all live tracks: every track is extrapolated to the cycle instant, a uniform grid is
/// rebuilt over the ECEF surface points (cell edge C = H + 2·v_max·T, v_max the fastest track this cycle) with
/// altitude bands (height V + 2·ḣ_max·T), and only pairs in the same or adjacent cells and bands are considered.
/// Of those, only pairs whose swept boxes overlap (each track's path over the look-ahead, grown by H/2 in ECEF
/// and V/2 in altitude, tested eight at a time in floats rounded outward) reach the <see cref="ClosestApproachBatch"/>
/// kernel: a pair within H at some instant has both points inside their boxes then, so the boxes overlap. Two tracks that come within H horizontally inside the look-ahead
/// start at most H + |Δv|·T ≤ C apart (likewise vertically), so the grid drops no conflicting pair: the result
/// equals <see cref="CycleAllPairs"/>. Altitude bands are clamped to ±32,000 bands, which only matters for
/// altitudes beyond any validated range.
/// <para>
/// Track times are Unix seconds (the zone windows are compared with them). Pairs of the same owner are never
/// reported. Zones are checked against every track of another owner after a bounding-sphere filter; see
/// <see cref="TrackZonePrediction"/> for their accuracy. An instance keeps scratch buffers between cycles, so
/// it is not thread-safe: use one per cycle loop. The cycle itself runs on up to
/// <c>maxDegreeOfParallelism</c> threads.
/// </para>
/// </summary>
public sealed class TrackPredictor
{
    private const int Bias = 32768;
    private const int MaxBand = 32000;
    private const int BoxColumns = 8;
    private const double BoxMarginM = 4;

    private static readonly long[] ForwardOffsets = BuildForwardOffsets();

    private readonly EncounterLimits _limits;
    private readonly ParallelOptions _parallel;
    private readonly double _zoneStepS;
    private readonly bool _sweptBoxFilter;
    private long[] _keys = [];
    private int[] _order = [];
    private long[] _ids = [];
    private int[] _owners = [];
    private double[] _x = [];
    private double[] _y = [];
    private double[] _z = [];
    private double[] _vx = [];
    private double[] _vy = [];
    private double[] _vz = [];
    private double[] _alt = [];
    private double[] _vAlt = [];
    private float[][] _box = [[], [], [], [], [], [], [], []];

    /// <summary>A predictor with the given minima and look-ahead.</summary>
    /// <param name="limits">Minima and look-ahead (see <see cref="EncounterLimits.Default"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads per cycle; -1 for all cores.</param>
    /// <param name="zoneStepS">Sampling step for polygon zones in seconds, greater than 0.</param>
    /// <param name="sweptBoxFilter">Whether pairs must pass the swept-box test before the kernel; false only to measure what the test saves (same results, slower).</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit or the step is out of range.</exception>
    public TrackPredictor(EncounterLimits limits, int maxDegreeOfParallelism = -1, double zoneStepS = 1.0, bool sweptBoxFilter = true)
    {
        _sweptBoxFilter = sweptBoxFilter;
        limits.Validate();
        if (!(zoneStepS > 0 && double.IsFinite(zoneStepS)))
        {
            throw new ArgumentOutOfRangeException(nameof(zoneStepS), zoneStepS, "The step must be a finite number of seconds above 0.");
        }

        _limits = limits;
        _zoneStepS = zoneStepS;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }

    /// <summary>The minima and look-ahead in use.</summary>
    public EncounterLimits Limits => _limits;

    /// <summary>Runs one cycle with the grid broad phase.</summary>
    /// <param name="tracks">The live tracks (report times in Unix seconds); not modified.</param>
    /// <param name="nowS">The cycle instant in Unix seconds.</param>
    /// <param name="zones">Zones to check tracks against, or null.</param>
    /// <returns>Track conflicts, zone entries and the number of candidate pairs examined.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tracks"/> is null.</exception>
    public TrackPrediction Cycle(TrackSet tracks, double nowS, IReadOnlyList<TrackZone>? zones = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var n = tracks.Count;
        Gather(tracks, nowS, out var cellM);

        var cellStarts = new List<int>();
        var cellOf = new Dictionary<long, int>();
        for (var k = 0; k < n; k++)
        {
            if (k == 0 || _keys[k] != _keys[k - 1])
            {
                cellOf[_keys[k]] = cellStarts.Count;
                cellStarts.Add(k);
            }
        }

        cellStarts.Add(n);
        var conflicts = new List<TrackConflict>();
        long candidates = 0;
        var gate = new object();
        Parallel.For(
            0,
            cellStarts.Count - 1,
            _parallel,
            () => (List: new List<TrackConflict>(), Candidates: 0L),
            (cell, _, local) =>
            {
                var start = cellStarts[cell];
                var end = cellStarts[cell + 1];
                var key = _keys[start];
                Span<int> neighbourStart = stackalloc int[ForwardOffsets.Length];
                Span<int> neighbourEnd = stackalloc int[ForwardOffsets.Length];
                var count = 0;
                foreach (var offset in ForwardOffsets)
                {
                    if (cellOf.TryGetValue(key + offset, out var other))
                    {
                        neighbourStart[count] = cellStarts[other];
                        neighbourEnd[count] = cellStarts[other + 1];
                        count++;
                    }
                }

                var columns = Columns(n);
                for (var i = start; i < end; i++)
                {
                    var one = columns[i];
                    var broadcast = new ClosestApproachBatch.Broadcast(one, _limits);
                    local.Candidates += end - i - 1;
                    Scan(broadcast, one, i, columns, i + 1, end, local.List);
                    for (var c = 0; c < count; c++)
                    {
                        local.Candidates += neighbourEnd[c] - neighbourStart[c];
                        Scan(broadcast, one, i, columns, neighbourStart[c], neighbourEnd[c], local.List);
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    conflicts.AddRange(local.List);
                    candidates += local.Candidates;
                }
            });

        conflicts.Sort(static (p, q) => p.IdA != q.IdA ? p.IdA.CompareTo(q.IdA) : p.IdB.CompareTo(q.IdB));
        var entries = zones is { Count: > 0 } ? PredictZones(tracks, nowS, zones, cellM) : [];
        return new TrackPrediction(conflicts, entries, candidates);
    }

    /// <summary>
    /// The baseline: the same kernel over all n(n − 1)/2 pairs, without a broad phase. Same result as
    /// <see cref="Cycle"/> for the track–track part.
    /// </summary>
    /// <param name="tracks">The live tracks (report times in Unix seconds); not modified.</param>
    /// <param name="nowS">The cycle instant in Unix seconds.</param>
    /// <returns>Track conflicts sorted by (IdA, IdB).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tracks"/> is null.</exception>
    public IReadOnlyList<TrackConflict> CycleAllPairs(TrackSet tracks, double nowS)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var n = tracks.Count;
        Gather(tracks, nowS, out _);
        var conflicts = new List<TrackConflict>();
        var gate = new object();
        Parallel.For(
            0,
            n,
            _parallel,
            () => new List<TrackConflict>(),
            (i, _, local) =>
            {
                var columns = Columns(n);
                var one = columns[i];
                ScanAll(new ClosestApproachBatch.Broadcast(one, _limits), one, i, columns, i + 1, n, local);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    conflicts.AddRange(local);
                }
            });
        conflicts.Sort(static (p, q) => p.IdA != q.IdA ? p.IdA.CompareTo(q.IdA) : p.IdB.CompareTo(q.IdB));
        return conflicts;
    }

    private TrackColumns Columns(int n) => new(
        _x.AsSpan(0, n), _y.AsSpan(0, n), _z.AsSpan(0, n), _vx.AsSpan(0, n), _vy.AsSpan(0, n), _vz.AsSpan(0, n), _alt.AsSpan(0, n), _vAlt.AsSpan(0, n));

    private void Scan(in ClosestApproachBatch.Broadcast broadcast, in TrackState one, int i, in TrackColumns columns, int from, int to, List<TrackConflict> found)
    {
        if (!_sweptBoxFilter)
        {
            ScanAll(broadcast, one, i, columns, from, to, found);
            return;
        }

        var k = from;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two tracks can only conflict if the boxes they sweep over the look-ahead (grown by half the
            // minima) overlap in every axis: a cheap eight-lane test that spares most pairs the full kernel.
            var box = new SweptBox(_box, i);
            for (; k + 8 <= to; k += 8)
            {
                var overlap = box.Overlaps(_box, k);
                if (overlap == 0)
                {
                    continue;
                }

                if ((overlap & 0x0F) != 0)
                {
                    ScanLanes(broadcast, i, columns, k, overlap & 0x0F, found);
                }

                if ((overlap & 0xF0) != 0)
                {
                    ScanLanes(broadcast, i, columns, k + 4, overlap >> 4, found);
                }
            }

            for (; k + 4 <= to; k += 4)
            {
                ScanLanes(broadcast, i, columns, k, 0x0F, found);
            }
        }

        for (; k < to; k++)
        {
            if (_owners[k] == _owners[i])
            {
                continue;
            }

            var e = ClosestApproach.Compute(one, columns[k], _limits);
            if (e.Conflicts)
            {
                Add(found, i, k, e);
            }
        }
    }

    // The kernel on every pair, without the swept-box filter: the baseline the filter is measured against.
    private void ScanAll(in ClosestApproachBatch.Broadcast broadcast, in TrackState one, int i, in TrackColumns columns, int from, int to, List<TrackConflict> found)
    {
        var k = from;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + 4 <= to; k += 4)
            {
                ScanLanes(broadcast, i, columns, k, 0x0F, found);
            }
        }

        for (; k < to; k++)
        {
            var e = ClosestApproach.Compute(one, columns[k], _limits);
            if (e.Conflicts && _owners[k] != _owners[i])
            {
                Add(found, i, k, e);
            }
        }
    }

    private void ScanLanes(in ClosestApproachBatch.Broadcast broadcast, int i, in TrackColumns columns, int k, uint lanes, List<TrackConflict> found)
    {
        var mask = ClosestApproachBatch.Lanes(broadcast, columns, k, out var cpa, out var miss, out var vsep, out var lo, out var hi);
        var bits = mask.ExtractMostSignificantBits() & lanes;
        while (bits != 0)
        {
            var lane = System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            var j = k + lane;
            if (_owners[j] != _owners[i])
            {
                Add(found, i, j, new Encounter(true, cpa.GetElement(lane), miss.GetElement(lane), vsep.GetElement(lane), lo.GetElement(lane), hi.GetElement(lane)));
            }
        }
    }

    private void Add(List<TrackConflict> found, int i, int j, Encounter e) =>
        found.Add(_ids[i] < _ids[j]
            ? new TrackConflict(_ids[i], _owners[i], _ids[j], _owners[j], e)
            : new TrackConflict(_ids[j], _owners[j], _ids[i], _owners[i], e));

    private void Gather(TrackSet tracks, double nowS, out double cellM)
    {
        var n = tracks.Count;
        if (_keys.Length < n)
        {
            var size = Math.Max(n, _keys.Length * 2);
            _keys = new long[size];
            _order = new int[size];
            _ids = new long[size];
            _owners = new int[size];
            _x = new double[size];
            _y = new double[size];
            _z = new double[size];
            _vx = new double[size];
            _vy = new double[size];
            _vz = new double[size];
            _alt = new double[size];
            _vAlt = new double[size];
            _box = [.. Enumerable.Range(0, BoxColumns).Select(_ => new float[size])];
        }

        var x = tracks.X;
        var y = tracks.Y;
        var z = tracks.Z;
        var vx = tracks.VelocityX;
        var vy = tracks.VelocityY;
        var vz = tracks.VelocityZ;
        var alt = tracks.AltitudesM;
        var vAlt = tracks.VerticalRatesMps;
        var time = tracks.TimesS;
        var speed2 = 0.0;
        var climb = 0.0;
        for (var i = 0; i < n; i++)
        {
            speed2 = Math.Max(speed2, (vx[i] * vx[i]) + (vy[i] * vy[i]) + (vz[i] * vz[i]));
            climb = Math.Max(climb, Math.Abs(vAlt[i]));
        }

        // The margins keep a pair exactly at the reach inside adjacent cells despite rounding in the division.
        cellM = Math.Max(((_limits.HorizontalM + (2 * Math.Sqrt(speed2) * _limits.LookaheadS)) * (1 + 1e-9)) + 1, 400);
        var bandM = Math.Max(((_limits.VerticalM + (2 * climb * _limits.LookaheadS)) * (1 + 1e-9)) + 1, 10);
        for (var i = 0; i < n; i++)
        {
            var dt = nowS - time[i];
            var px = x[i] + (vx[i] * dt);
            var py = y[i] + (vy[i] * dt);
            var pz = z[i] + (vz[i] * dt);
            var h = alt[i] + (vAlt[i] * dt);
            _keys[i] = Key(px, py, pz, h, cellM, bandM);
            _order[i] = i;
        }

        Array.Sort(_keys, _order, 0, n);
        var ids = tracks.Ids;
        var owners = tracks.Owners;
        for (var k = 0; k < n; k++)
        {
            var i = _order[k];
            var dt = nowS - time[i];
            _ids[k] = ids[i];
            _owners[k] = owners[i];
            _x[k] = x[i] + (vx[i] * dt);
            _y[k] = y[i] + (vy[i] * dt);
            _z[k] = z[i] + (vz[i] * dt);
            _vx[k] = vx[i];
            _vy[k] = vy[i];
            _vz[k] = vz[i];
            _alt[k] = alt[i] + (vAlt[i] * dt);
            _vAlt[k] = vAlt[i];
            SetBox(k);
        }
    }

    // The box swept by track k over the look-ahead, grown by half the minima and a margin for rounding (floats
    // carry about 0.5 m at ECEF magnitudes, so the margin is rounded outward generously).
    private void SetBox(int k)
    {
        var t = _limits.LookaheadS;
        var h = (_limits.HorizontalM / 2) + BoxMarginM;
        var v = (_limits.VerticalM / 2) + BoxMarginM;
        SetInterval(0, k, _x[k], _x[k] + (_vx[k] * t), h);
        SetInterval(2, k, _y[k], _y[k] + (_vy[k] * t), h);
        SetInterval(4, k, _z[k], _z[k] + (_vz[k] * t), h);
        SetInterval(6, k, _alt[k], _alt[k] + (_vAlt[k] * t), v);
    }

    private void SetInterval(int column, int k, double a, double b, double grow)
    {
        _box[column][k] = (float)(Math.Min(a, b) - grow);
        _box[column + 1][k] = (float)(Math.Max(a, b) + grow);
    }

    private static long Key(double x, double y, double z, double h, double cellM, double bandM)
    {
        var ix = (long)Math.Floor(x / cellM) + Bias;
        var iy = (long)Math.Floor(y / cellM) + Bias;
        var iz = (long)Math.Floor(z / cellM) + Bias;
        var ib = (long)Math.Clamp(Math.Floor(h / bandM), -MaxBand, MaxBand) + Bias;
        return (ix << 48) | (iy << 32) | (iz << 16) | ib;
    }

    private static long[] BuildForwardOffsets()
    {
        var offsets = new List<long>();
        for (var dx = -1L; dx <= 1; dx++)
        {
            for (var dy = -1L; dy <= 1; dy++)
            {
                for (var dz = -1L; dz <= 1; dz++)
                {
                    for (var db = -1L; db <= 1; db++)
                    {
                        var offset = (dx << 48) + (dy << 32) + (dz << 16) + db;
                        if (offset > 0)
                        {
                            offsets.Add(offset);
                        }
                    }
                }
            }
        }

        return [.. offsets];
    }

    private List<ZoneEntry> PredictZones(TrackSet tracks, double nowS, IReadOnlyList<TrackZone> zones, double cellM)
    {
        var n = tracks.Count;
        var now = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(nowS * 1000));
        Dictionary<long, int>? indexOfId = null;
        var entries = new List<ZoneEntry>();
        var gate = new object();
        var reach = cellM - _limits.HorizontalM;
        Parallel.For(
            0,
            zones.Count,
            _parallel,
            z =>
            {
                var zone = zones[z];
                (double X, double Y, double Z)? anchorVelocity = null;
                var anchorReach = 0.0;
                if (zone.AnchorTrackId is { } anchorId)
                {
                    lock (gate)
                    {
                        indexOfId ??= BuildIndex(n);
                    }

                    if (indexOfId.TryGetValue(anchorId, out var a))
                    {
                        anchorVelocity = (_vx[a], _vy[a], _vz[a]);
                        anchorReach = Math.Sqrt((_vx[a] * _vx[a]) + (_vy[a] * _vy[a]) + (_vz[a] * _vz[a])) * _limits.LookaheadS;
                    }
                }

                var (cx, cy, cz, radius) = BoundingSphere(zone.Volume.Footprint);
                var limit = radius + reach + anchorReach + 1000;
                var limit2 = limit * limit;
                var found = new List<ZoneEntry>();
                for (var k = 0; k < n; k++)
                {
                    if (_owners[k] == zone.Owner)
                    {
                        continue;
                    }

                    var dx = _x[k] - cx;
                    var dy = _y[k] - cy;
                    var dz = _z[k] - cz;
                    if ((dx * dx) + (dy * dy) + (dz * dz) > limit2)
                    {
                        continue;
                    }

                    var state = new TrackState(_x[k], _y[k], _z[k], _vx[k], _vy[k], _vz[k], _alt[k], _vAlt[k]);
                    var entry = TrackZonePrediction.FirstInside(state, zone.Volume, now, _limits.LookaheadS, anchorVelocity, _zoneStepS);
                    if (entry is { } t && _ids[k] != zone.AnchorTrackId)
                    {
                        found.Add(new ZoneEntry(_ids[k], _owners[k], zone.Id, zone.Owner, t == 0 && IsActiveNow(zone.Volume, now), t));
                    }
                }

                lock (gate)
                {
                    entries.AddRange(found);
                }
            });
        entries.Sort(static (p, q) => p.ZoneId != q.ZoneId ? p.ZoneId.CompareTo(q.ZoneId) : p.TrackId.CompareTo(q.TrackId));
        return entries;
    }

    private static bool IsActiveNow(Volume4D volume, DateTimeOffset now) =>
        volume.TimeStart <= now && (volume.TimeEnd is not { } end || now < end);

    private Dictionary<long, int> BuildIndex(int n)
    {
        var index = new Dictionary<long, int>(n);
        for (var k = 0; k < n; k++)
        {
            index[_ids[k]] = k;
        }

        return index;
    }

    // A sphere in ECEF around the footprint: centre on the ellipsoid surface and a radius in metres.
    private static (double X, double Y, double Z, double RadiusM) BoundingSphere(Footprint footprint)
    {
        if (footprint is CircleFootprint circle)
        {
            var (x, y, z) = TrackProjection.ToSurfaceEcef(circle.Center);
            return (x, y, z, circle.RadiusM * 1.01);
        }

        var prepared = Separation.PreparedFootprint.Get(footprint);
        var center = prepared.Center.ToLatLng();
        var (cx, cy, cz) = TrackProjection.ToSurfaceEcef(center);
        var radius = prepared.CapRadiusRad >= Math.PI / 2 ? 2 * Geodesy.Wgs84.SemiMajorAxisM : prepared.CapRadiusRad * Geodesy.Wgs84.MaxMetresPerRadian * 1.01;
        return (cx, cy, cz, radius);
    }
}
