using System.Diagnostics;
using System.Globalization;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Benchmarks.Geometry;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Tahaluf.Benchmarks -- volume-memory [count]</c>: managed heap
/// (after a forced full collection) and working set for the workload volumes alone, then with the index built,
/// then after every stored footprint has been prepared for exact tests (one all-pairs pass), plus the per-query
/// median of 2,000 probes measured one by one with a stopwatch. Target: 1M volumes under 1.5 GB.
/// </summary>
public static class VolumeMemoryReport
{
    public static void Run(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var baseline = Measure();
        var volumes = VolumeWorkload.Generate(count, seed: 1);
        var withVolumes = Measure();
        Report("workload volumes", withVolumes.Heap - baseline.Heap, withVolumes.WorkingSet);

        var clock = Stopwatch.StartNew();
        var index = new VolumeIndex();
        foreach (var v in volumes)
        {
            index.Upsert(v.Key, v.Owner, v.Volume);
        }

        var buildS = clock.Elapsed.TotalSeconds;
        var withIndex = Measure();
        Report("index structures", withIndex.Heap - withVolumes.Heap, withIndex.WorkingSet);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build of {count:N0}: {buildS:F2} s; index arrays ~{index.IndexBytes() / 1e6:F0} MB"));

        var probes = VolumeWorkload.Generate(2_000, seed: 2);
        var results = new List<long>();
        var times = new double[probes.Length];
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < probes.Length; i++)
            {
                results.Clear();
                var start = Stopwatch.GetTimestamp();
                index.Query(probes[i].Volume, probes[i].Owner, SeparationMinima.Default, results);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query vs {count:N0}: median {times[times.Length / 2]:F1} µs, p90 {times[(int)(times.Length * 0.9)]:F1} µs, p99 {times[(int)(times.Length * 0.99)]:F1} µs"));

        clock.Restart();
        var pairs = new List<(long A, long B)>();
        index.ConflictingPairs(SeparationMinima.Default, pairs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all pairs of {count:N0}: {pairs.Count:N0} pairs in {clock.Elapsed.TotalSeconds:F2} s (first pass, prepares footprints)"));
        if (count > 200_000)
        {
            Report("total after all footprints prepared", Measure().Heap - baseline.Heap, Measure().WorkingSet);
            GC.KeepAlive(volumes);
            GC.KeepAlive(index);
            return;
        }

        clock.Restart();
        pairs.Clear();
        index.ConflictingPairs(SeparationMinima.Default, pairs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all pairs of {count:N0}: {pairs.Count:N0} pairs in {clock.Elapsed.TotalSeconds:F2} s (second pass)"));
        var prepared = Measure();
        Report("total after all footprints prepared", prepared.Heap - baseline.Heap, prepared.WorkingSet);
        GC.KeepAlive(volumes);
        GC.KeepAlive(index);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static void Report(string what, long heapBytes, long workingSet) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: managed heap +{heapBytes / 1e6:F0} MB (process working set {workingSet / 1e6:F0} MB)"));
}
