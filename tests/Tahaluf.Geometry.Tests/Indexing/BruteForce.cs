using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Indexing;

/// <summary>The reference the index must equal: every stored volume checked with <see cref="SeparationTest.Conflicts"/>.</summary>
internal sealed class BruteForce
{
    public Dictionary<long, (int Owner, Volume4D Volume)> Stored { get; } = [];

    public List<long> Query(Volume4D volume, int excludeOwner, SeparationMinima minima)
    {
        var keys = new List<long>();
        foreach (var (key, (owner, stored)) in Stored)
        {
            if (owner != excludeOwner && SeparationTest.Conflicts(volume, stored, minima))
            {
                keys.Add(key);
            }
        }

        keys.Sort();
        return keys;
    }

    public List<(long A, long B)> Pairs(SeparationMinima minima)
    {
        var entries = Stored.OrderBy(e => e.Key).ToArray();
        var pairs = new List<(long A, long B)>();
        for (var i = 0; i < entries.Length; i++)
        {
            for (var j = i + 1; j < entries.Length; j++)
            {
                if (entries[i].Value.Owner != entries[j].Value.Owner
                    && SeparationTest.Conflicts(entries[i].Value.Volume, entries[j].Value.Volume, minima))
                {
                    pairs.Add((entries[i].Key, entries[j].Key));
                }
            }
        }

        return pairs;
    }
}
