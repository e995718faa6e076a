using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// All conflicting pairs among 100,000 workload volumes (default minima, different owners), both sides using every
/// core. Baseline: NetTopologySuite STRtree with planar filters. Target: under 2 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class VolumePairsBenchmarks
{
    private VolumeIndex _index = null!;
    private NtsVolumeBaseline _nts = null!;

    [GlobalSetup(Target = nameof(VolumeIndex_100k))]
    public void SetupIndex()
    {
        _index = new VolumeIndex();
        foreach (var v in VolumeWorkload.Generate(100_000, seed: 1))
        {
            _index.Upsert(v.Key, v.Owner, v.Volume);
        }
    }

    [GlobalSetup(Target = nameof(NtsStrTree_100k))]
    public void SetupNts() => _nts = new NtsVolumeBaseline(VolumeWorkload.Generate(100_000, seed: 1));

    [Benchmark(Baseline = true)]
    public int NtsStrTree_100k() => _nts.Pairs(SeparationMinima.Default).Count;

    [Benchmark]
    public int VolumeIndex_100k()
    {
        var pairs = new List<(long A, long B)>();
        _index.ConflictingPairs(SeparationMinima.Default, pairs);
        return pairs.Count;
    }
}
