using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// The NetTopologySuite baseline: footprints as planar geometries in degrees (circles buffered by their radius
/// converted at 111,320 m per degree), an STRtree over their envelopes, and a query that takes the envelope grown
/// by the horizontal minimum in degrees, then filters time, altitude and owner, then runs planar
/// <c>IsWithinDistance</c>. It is approximate (planar degrees, no antimeridian, no great-circle edges); it is the
/// speed reference a typical .NET implementation would reach, not a correctness reference.
/// </summary>
public sealed class NtsVolumeBaseline
{
    private const double MetresPerDegree = 111_320;
    private static readonly GeometryFactory Factory = new();

    private readonly WorkloadVolume[] _volumes;
    private readonly NetTopologySuite.Geometries.Geometry[] _geometries;
    private readonly STRtree<int> _tree;

    public NtsVolumeBaseline(WorkloadVolume[] volumes)
    {
        _volumes = volumes;
        _geometries = new NetTopologySuite.Geometries.Geometry[volumes.Length];
        _tree = new STRtree<int>();
        for (var i = 0; i < volumes.Length; i++)
        {
            _geometries[i] = ToGeometry(volumes[i].Volume.Footprint);
            _tree.Insert(_geometries[i].EnvelopeInternal, i);
        }

        _tree.Build();
    }

    public int Count => _volumes.Length;

    public static NetTopologySuite.Geometries.Geometry ToGeometry(Footprint footprint) => footprint switch
    {
        CircleFootprint c => Factory.CreatePoint(new Coordinate(c.Center.Lng, c.Center.Lat)).Buffer(c.RadiusM / MetresPerDegree, 4),
        PolygonFootprint p => Factory.CreatePolygon([.. p.Vertices.Select(v => new Coordinate(v.Lng, v.Lat)), new Coordinate(p.Vertices[0].Lng, p.Vertices[0].Lat)]),
        _ => throw new ArgumentException("Unknown footprint.", nameof(footprint)),
    };

    /// <summary>Keys of stored volumes of other owners within the minima of <paramref name="query"/> (planar approximation).</summary>
    public void Query(Volume4D query, NetTopologySuite.Geometries.Geometry queryGeometry, int excludeOwner, SeparationMinima minima, List<long> results)
    {
        var distanceDeg = minima.HorizontalM / MetresPerDegree;
        var envelope = queryGeometry.EnvelopeInternal.Copy();
        envelope.ExpandBy(distanceDeg);
        foreach (var i in _tree.Query(envelope))
        {
            if (Conflicts(i, query, queryGeometry, excludeOwner, minima, distanceDeg))
            {
                results.Add(_volumes[i].Key);
            }
        }
    }

    /// <summary>All pairs (A &lt; B) of different owners, planar approximation, in parallel over volumes.</summary>
    public List<(long A, long B)> Pairs(SeparationMinima minima)
    {
        var found = new List<(long A, long B)>();
        var distanceDeg = minima.HorizontalM / MetresPerDegree;
        Parallel.For(
            0,
            _volumes.Length,
            () => new List<(long A, long B)>(),
            (i, _, local) =>
            {
                var me = _volumes[i];
                var envelope = _geometries[i].EnvelopeInternal.Copy();
                envelope.ExpandBy(distanceDeg);
                foreach (var j in _tree.Query(envelope))
                {
                    if (_volumes[j].Key > me.Key && Conflicts(j, me.Volume, _geometries[i], me.Owner, minima, distanceDeg))
                    {
                        local.Add((me.Key, _volumes[j].Key));
                    }
                }

                return local;
            },
            local =>
            {
                lock (found)
                {
                    found.AddRange(local);
                }
            });
        return found;
    }

    private bool Conflicts(int i, Volume4D query, NetTopologySuite.Geometries.Geometry queryGeometry, int excludeOwner, SeparationMinima minima, double distanceDeg)
    {
        var stored = _volumes[i];
        if (stored.Owner == excludeOwner)
        {
            return false;
        }

        var v = stored.Volume;
        var widen = TimeSpan.FromSeconds(minima.TimeS);
        var timeOk = (v.TimeEnd is not { } end || query.TimeStart - widen < end)
            && (query.TimeEnd is not { } qEnd || v.TimeStart < qEnd + widen);
        return timeOk
            && query.AltitudeLowerM - minima.VerticalM <= v.AltitudeUpperM
            && v.AltitudeLowerM <= query.AltitudeUpperM + minima.VerticalM
            && _geometries[i].IsWithinDistance(queryGeometry, distanceDeg);
    }
}
