using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// One conflict query (a new workload volume against everything stored, default minima, another owner) against
/// 10k, 100k and 1M stored workload volumes (<see cref="VolumeWorkload"/>, seed 1; probes seed 2, cycled).
/// Baseline: NetTopologySuite STRtree with planar filters (<see cref="NtsVolumeBaseline"/>). Target: 1M stored,
/// under 20 µs median.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class VolumeQueryBenchmarks
{
    private const int ProbeCount = 1_000;
    private readonly List<long> _results = new(256);
    private VolumeIndex _index = null!;
    private NtsVolumeBaseline _nts = null!;
    private WorkloadVolume[] _probes = null!;
    private NetTopologySuite.Geometries.Geometry[] _probeGeometries = null!;
    private int _next;

    [Params(10_000, 100_000, 1_000_000)]
    public int Stored { get; set; }

    [GlobalSetup(Target = nameof(VolumeIndex))]
    public void SetupIndex()
    {
        var volumes = VolumeWorkload.Generate(Stored, seed: 1);
        _index = new VolumeIndex();
        foreach (var v in volumes)
        {
            _index.Upsert(v.Key, v.Owner, v.Volume);
        }

        SetupProbes();
    }

    [GlobalSetup(Target = nameof(NtsStrTree))]
    public void SetupNts()
    {
        _nts = new NtsVolumeBaseline(VolumeWorkload.Generate(Stored, seed: 1));
        SetupProbes();
    }

    [Benchmark(Baseline = true)]
    public int NtsStrTree()
    {
        var probe = _probes[_next];
        var geometry = _probeGeometries[_next];
        _next = (_next + 1) % ProbeCount;
        _results.Clear();
        _nts.Query(probe.Volume, geometry, probe.Owner, SeparationMinima.Default, _results);
        return _results.Count;
    }

    [Benchmark]
    public int VolumeIndex()
    {
        var probe = _probes[_next];
        _next = (_next + 1) % ProbeCount;
        _results.Clear();
        _index.Query(probe.Volume, probe.Owner, SeparationMinima.Default, _results);
        return _results.Count;
    }

    private void SetupProbes()
    {
        _probes = VolumeWorkload.Generate(ProbeCount, seed: 2);
        _probeGeometries = [.. _probes.Select(p => NtsVolumeBaseline.ToGeometry(p.Volume.Footprint))];
    }
}
