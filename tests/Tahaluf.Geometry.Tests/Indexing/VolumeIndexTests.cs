using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Workloads;

namespace Tahaluf.Geometry.Tests.Indexing;

public class VolumeIndexTests
{
    private static readonly SeparationMinima[] MinimaVariants =
    [
        SeparationMinima.Default,
        new(0, 0, 0),
        new(50_000, 1_000, 900),
    ];

    [Fact]
    public void Query_WorkloadScene_MatchesBruteForce()
    {
        using var index = new VolumeIndex();
        var brute = new BruteForce();
        foreach (var v in VolumeWorkload.Generate(4_000, seed: 11))
        {
            index.Upsert(v.Key, v.Owner, v.Volume);
            brute.Stored[v.Key] = (v.Owner, v.Volume);
        }

        var probes = VolumeWorkload.Generate(300, seed: 12);
        var nonEmpty = AssertQueriesMatch(index, brute, probes.Select(p => (p.Owner, p.Volume)));

        Assert.Equal(4_000, index.Count);
        Assert.True(nonEmpty >= 5, $"only {nonEmpty} probes found conflicts; the scene tests too little");
    }

    [Fact]
    public void Query_AdversarialScene_MatchesBruteForce()
    {
        var (index, brute) = Fill(new IndexScene(21), 3_000, owners: 5);
        using (index)
        {
            var scene = new IndexScene(22);
            var random = new Random(23);
            var probes = Enumerable.Range(0, 250).Select(_ => (random.Next(-1, 5), scene.Next())).ToArray();
            var nonEmpty = AssertQueriesMatch(index, brute, probes);

            Assert.True(nonEmpty > 25, $"only {nonEmpty} probes found conflicts; the scene tests too little");
        }
    }

    [Fact]
    public void Query_AfterUpsertsMovesAndRemovals_MatchesBruteForce()
    {
        var scene = new IndexScene(31);
        var (index, brute) = Fill(scene, 2_000, owners: 4);
        using (index)
        {
            var random = new Random(32);
            for (var i = 0; i < 3_000; i++)
            {
                var key = (long)random.Next(1, 2_600);
                if (random.Next(3) == 0)
                {
                    Assert.Equal(brute.Stored.Remove(key), index.Remove(key));
                }
                else
                {
                    // Moves an existing key to a new place, band and window (or adds a new key).
                    var owner = random.Next(4);
                    var volume = scene.Next();
                    index.Upsert(key, owner, volume);
                    brute.Stored[key] = (owner, volume);
                }
            }

            Assert.Equal(brute.Stored.Count, index.Count);
            var probes = Enumerable.Range(0, 200).Select(_ => (random.Next(-1, 4), scene.Next()));
            AssertQueriesMatch(index, brute, probes);
        }
    }

    [Fact]
    public void Upsert_MovedVolume_FoundOnlyAtNewPlace()
    {
        using var index = new VolumeIndex();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var here = new Volume4D(new CircleFootprint(new LatLng(35, 38), 2_000), 1_000, 2_000, start, start.AddHours(1));
        var there = here with { Footprint = new CircleFootprint(new LatLng(-10, 179.99), 2_000) };
        index.Upsert(7, owner: 1, here);
        index.Upsert(7, owner: 1, there);

        var atHere = new List<long>();
        var atThere = new List<long>();
        index.Query(here, -1, SeparationMinima.Default, atHere);
        index.Query(there with { Footprint = new CircleFootprint(new LatLng(-10, -179.99), 2_000) }, -1, SeparationMinima.Default, atThere);

        Assert.Empty(atHere);
        Assert.Equal([7L], atThere);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Query_SameOwner_Excluded()
    {
        using var index = new VolumeIndex();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var volume = new Volume4D(new CircleFootprint(new LatLng(35, 38), 5_000), 1_000, 2_000, start, null);
        index.Upsert(1, owner: 3, volume);
        index.Upsert(2, owner: 4, volume);

        var excluded = new List<long>();
        var all = new List<long>();
        index.Query(volume, 3, SeparationMinima.Default, excluded);
        index.Query(volume, -1, SeparationMinima.Default, all);

        Assert.Equal([2L], excluded);
        Assert.Equal([1L, 2L], all.Order());
    }

    [Fact]
    public void Remove_UnknownKey_ReturnsFalse()
    {
        using var index = new VolumeIndex();
        Assert.False(index.Remove(42));
    }

    [Fact]
    public void Query_NegativeMinimum_Throws()
    {
        using var index = new VolumeIndex();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var volume = new Volume4D(new CircleFootprint(new LatLng(0, 0), 5_000), 0, 100, start, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Query(volume, -1, new SeparationMinima(-1, 0, 0), []));
        Assert.Throws<ArgumentNullException>(() => index.Query(null!, -1, SeparationMinima.Default, []));
        Assert.Throws<ArgumentNullException>(() => index.Upsert(1, 1, null!));
    }

    [Fact]
    public void ConflictingPairs_AdversarialScene_MatchesBruteForce()
    {
        var (index, brute) = Fill(new IndexScene(41), 1_500, owners: 4);
        using (index)
        {
            foreach (var minima in MinimaVariants)
            {
                var pairs = new List<(long A, long B)>();
                index.ConflictingPairs(minima, pairs);
                var expected = brute.Pairs(minima);

                Assert.Equal(expected, pairs);
                Assert.NotEmpty(pairs);
            }
        }
    }

    [Fact]
    public void ConflictingPairs_WorkloadScene_MatchesBruteForce()
    {
        using var index = new VolumeIndex();
        var brute = new BruteForce();
        foreach (var v in VolumeWorkload.Generate(3_000, seed: 51))
        {
            index.Upsert(v.Key, v.Owner, v.Volume);
            brute.Stored[v.Key] = (v.Owner, v.Volume);
        }

        var pairs = new List<(long A, long B)>();
        index.ConflictingPairs(SeparationMinima.Default, pairs);

        Assert.Equal(brute.Pairs(SeparationMinima.Default), pairs);
        Assert.NotEmpty(pairs);
    }

    [Fact]
    public async Task ConcurrentWritersAndReaders_NoExceptions_FinalStateMatchesBruteForce()
    {
        using var index = new VolumeIndex();
        const int Writers = 3;
        const int KeysPerWriter = 600;
        var finals = new Dictionary<long, (int Owner, Volume4D Volume)>[Writers];
        var stop = 0;

        // Each writer owns a disjoint key range, so the final state is the union of what each one left behind.
        // Threads of their own (LongRunning): the readers spin until the writers are done, and on a 2-core machine
        // with other tests blocking pool threads, writers queued behind them on the pool once never started.
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Factory.StartNew(() =>
        {
            var scene = new IndexScene(100 + w);
            var random = new Random(200 + w);
            var mine = new Dictionary<long, (int Owner, Volume4D Volume)>();
            for (var i = 0; i < 2_000; i++)
            {
                var key = (w * KeysPerWriter) + random.Next(KeysPerWriter);
                if (random.Next(4) == 0)
                {
                    Assert.Equal(mine.Remove(key), index.Remove(key));
                }
                else
                {
                    var owner = random.Next(3);
                    var volume = scene.Next();
                    index.Upsert(key, owner, volume);
                    mine[key] = (owner, volume);
                }
            }

            finals[w] = mine;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var deadline = System.Diagnostics.Stopwatch.StartNew();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Factory.StartNew(() =>
        {
            var scene = new IndexScene(300 + r);
            var results = new List<long>();
            var queries = 0;
            while (Volatile.Read(ref stop) == 0 || queries < 50)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "the writers did not finish within 3 minutes");
                results.Clear();
                index.Query(scene.Next(), -1, SeparationMinima.Default, results);
                Assert.Equal(results.Count, results.Distinct().Count());
                queries++;
                if (queries % 250 == 0)
                {
                    var pairs = new List<(long A, long B)>();
                    index.ConflictingPairs(SeparationMinima.Default, pairs);
                    Assert.All(pairs, p => Assert.True(p.A < p.B));
                }
            }

            return queries;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await Task.WhenAll(writers);
        Volatile.Write(ref stop, 1);
        var queryCounts = await Task.WhenAll(readers);

        var brute = new BruteForce();
        foreach (var (key, value) in finals.SelectMany(f => f))
        {
            brute.Stored[key] = value;
        }

        Assert.Equal(brute.Stored.Count, index.Count);
        Assert.All(queryCounts, q => Assert.True(q >= 50));
        var probeScene = new IndexScene(400);
        AssertQueriesMatch(index, brute, Enumerable.Range(0, 150).Select(i => (i % 4 - 1, probeScene.Next())));
        var allPairs = new List<(long A, long B)>();
        index.ConflictingPairs(SeparationMinima.Default, allPairs);
        Assert.Equal(brute.Pairs(SeparationMinima.Default), allPairs);
    }

    [Fact]
    public void Query_CountrySizedPolygonsStoredAndQueried_MatchesBruteForce()
    {
        using var index = new VolumeIndex();
        var brute = new BruteForce();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // About 1,300 km across: 1.3 million km², far more cells than the per-cell limit.
        var country = new Volume4D(
            new PolygonFootprint([new(30, 30), new(30, 44), new(42, 44), new(42, 30)]), 0, 20_000, start, null);
        index.Upsert(1, 1, country);
        brute.Stored[1] = (1, country);
        foreach (var v in VolumeWorkload.Generate(1_000, seed: 61))
        {
            index.Upsert(v.Key + 1, v.Owner + 2, v.Volume);
            brute.Stored[v.Key + 1] = (v.Owner + 2, v.Volume);
        }

        var probes = VolumeWorkload.Generate(100, seed: 62).Select(p => (p.Owner + 2, p.Volume)).Append((0, country));
        AssertQueriesMatch(index, brute, probes);
    }

    private static (VolumeIndex Index, BruteForce Brute) Fill(IndexScene scene, int count, int owners)
    {
        var index = new VolumeIndex();
        var brute = new BruteForce();
        for (var key = 1L; key <= count; key++)
        {
            var owner = (int)(key % owners);
            var volume = scene.Next();
            index.Upsert(key, owner, volume);
            brute.Stored[key] = (owner, volume);
        }

        return (index, brute);
    }

    /// <returns>The number of probes with at least one conflict.</returns>
    private static int AssertQueriesMatch(VolumeIndex index, BruteForce brute, IEnumerable<(int Owner, Volume4D Volume)> probes)
    {
        var nonEmpty = 0;
        var results = new List<long>();
        var probeNumber = 0;
        foreach (var (owner, volume) in probes)
        {
            var minima = MinimaVariants[probeNumber++ % MinimaVariants.Length];
            results.Clear();
            index.Query(volume, owner, minima, results);
            var expected = brute.Query(volume, owner, minima);
            results.Sort();
            Assert.Equal(expected, results);
            nonEmpty += results.Count > 0 ? 1 : 0;
        }

        return nonEmpty;
    }
}
