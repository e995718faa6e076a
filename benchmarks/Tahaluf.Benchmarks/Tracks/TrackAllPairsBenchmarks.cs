using BenchmarkDotNet.Attributes;
using Tahaluf.Geometry.Tracks;

namespace Tahaluf.Benchmarks.Tracks;

/// <summary>
/// The baseline: the same SIMD kernel over all n(n − 1)/2 pairs, no broad phase. Measured at 10,000 and 30,000 and
/// extrapolated (quadratically) to 100,000, where one cycle takes tens of seconds; the grid run is in the same
/// invocation for comparison.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TrackAllPairsBenchmarks
{
    private TrackSet _tracks = null!;
    private TrackPredictor _predictor = null!;

    [Params(10_000, 30_000)]
    public int Tracks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tracks = TrackScene.Create(Tracks);
        _predictor = new TrackPredictor(EncounterLimits.Default);
    }

    [Benchmark(Baseline = true)]
    public int AllPairs() => _predictor.CycleAllPairs(_tracks, TrackScene.Now).Count;

    [Benchmark]
    public int GridCycle() => _predictor.Cycle(_tracks, TrackScene.Now).TrackConflicts.Count;
}
