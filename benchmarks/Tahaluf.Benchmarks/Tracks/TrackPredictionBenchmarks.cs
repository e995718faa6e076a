using BenchmarkDotNet.Attributes;
using Tahaluf.Geometry.Tracks;

namespace Tahaluf.Benchmarks.Tracks;

/// <summary>One prediction cycle (120 s, 5 NM, 1,000 ft) with the grid broad phase, on all cores, with and without the swept-box filter.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TrackPredictionBenchmarks
{
    private TrackSet _tracks = null!;
    private TrackPredictor _predictor = null!;
    private TrackPredictor _withoutBoxes = null!;

    [Params(10_000, 100_000)]
    public int Tracks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tracks = TrackScene.Create(Tracks);
        _predictor = new TrackPredictor(EncounterLimits.Default);
        _withoutBoxes = new TrackPredictor(EncounterLimits.Default, sweptBoxFilter: false);
    }

    [Benchmark(Baseline = true)]
    public int GridCycleWithoutSweptBoxes() => _withoutBoxes.Cycle(_tracks, TrackScene.Now).TrackConflicts.Count;

    [Benchmark]
    public int GridCycle() => _predictor.Cycle(_tracks, TrackScene.Now).TrackConflicts.Count;
}
