using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// Building an index of 1,000,000 workload volumes from the <see cref="Tahaluf.Geometry.Volumes.Volume4D"/> values
/// (one <c>Upsert</c> each). Baseline: converting them to NetTopologySuite geometries and bulk-building an STRtree.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class VolumeBuildBenchmarks
{
    private WorkloadVolume[] _volumes = null!;

    [GlobalSetup]
    public void Setup() => _volumes = VolumeWorkload.Generate(1_000_000, seed: 1);

    [Benchmark(Baseline = true)]
    public int NtsStrTree_1M() => new NtsVolumeBaseline(_volumes).Count;

    [Benchmark]
    public int VolumeIndex_1M()
    {
        using var index = new VolumeIndex();
        foreach (var v in _volumes)
        {
            index.Upsert(v.Key, v.Owner, v.Volume);
        }

        return index.Count;
    }
}
