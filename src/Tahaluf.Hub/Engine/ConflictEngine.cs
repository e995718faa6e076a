using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Hub.Engine;

/// <summary>
/// The hub's view of declared volumes: live operations and zones in a <see cref="VolumeIndex"/>, asked
/// "which items of other owners conflict with this one". Not thread-safe: the hub's single writer owns it.
/// </summary>
public sealed class ConflictEngine
{
    private const int VolumeBits = 8;

    private readonly VolumeIndex _index = new();
    private readonly Dictionary<ItemRef, Entry> _byRef = [];
    private readonly Dictionary<int, Entry> _byHandle = [];
    private readonly Dictionary<string, int> _owners = new(StringComparer.Ordinal);
    private readonly List<long> _hits = [];
    private int _nextHandle;

    /// <summary>Creates an engine with the given minima.</summary>
    /// <param name="minima">Separation minima applied to every query.</param>
    public ConflictEngine(SeparationMinima minima) => Minima = minima;

    /// <summary>The separation minima.</summary>
    public SeparationMinima Minima { get; }

    /// <summary>Number of items indexed.</summary>
    public int Count => _byRef.Count;

    /// <summary>Indexes the item's volumes if it is live and declarable, or removes it otherwise.</summary>
    /// <param name="reference">Item reference.</param>
    /// <param name="volumes">The item's volumes.</param>
    /// <param name="live">Whether the item can conflict (planned or active).</param>
    public void Set(ItemRef reference, ImmutableArray<Volume4D> volumes, bool live)
    {
        Remove(reference);
        if (!live || volumes.IsDefaultOrEmpty)
        {
            return;
        }

        if (volumes.Length >= 1 << VolumeBits)
        {
            throw new ArgumentOutOfRangeException(nameof(volumes), volumes.Length, "Too many volumes for one item.");
        }

        var handle = _nextHandle++;
        var entry = new Entry(handle, reference, volumes, OwnerKey(reference.Owner));
        _byRef[reference] = entry;
        _byHandle[handle] = entry;
        for (var i = 0; i < volumes.Length; i++)
        {
            _index.Upsert(((long)handle << VolumeBits) | (uint)i, entry.OwnerKey, volumes[i]);
        }
    }

    /// <summary>Removes an item's volumes.</summary>
    /// <param name="reference">Item reference.</param>
    public void Remove(ItemRef reference)
    {
        if (!_byRef.Remove(reference, out var old))
        {
            return;
        }

        _byHandle.Remove(old.Handle);
        for (var i = 0; i < old.Volumes.Length; i++)
        {
            _index.Remove(((long)old.Handle << VolumeBits) | (uint)i);
        }
    }

    /// <summary>Items of other owners that conflict with the indexed item <paramref name="reference"/>.</summary>
    /// <param name="reference">An indexed item.</param>
    /// <returns>One entry per conflicting item, with the encounter of its closest pair of volumes.</returns>
    public IReadOnlyList<DetectedConflict> ConflictsOf(ItemRef reference)
    {
        if (!_byRef.TryGetValue(reference, out var entry))
        {
            return [];
        }

        var found = new Dictionary<ItemRef, DetectedConflict>();
        foreach (var volume in entry.Volumes)
        {
            _hits.Clear();
            _index.Query(volume, entry.OwnerKey, Minima, _hits);
            foreach (var key in _hits)
            {
                var other = _byHandle[(int)(key >> VolumeBits)];
                if (found.ContainsKey(other.Reference))
                {
                    continue;
                }

                var otherVolume = other.Volumes[(int)(key & ((1 << VolumeBits) - 1))];
                var (a, b) = Order(reference, other.Reference);
                var encounter = Encounter(volume, otherVolume, Minima);
                found[other.Reference] = new DetectedConflict(a, b, encounter);
            }
        }

        return [.. found.Values];
    }

    /// <summary>Whether two indexed items still conflict (used when re-checking an open conflict).</summary>
    /// <param name="a">One item.</param>
    /// <param name="b">The other item.</param>
    /// <returns>True when some pair of their volumes conflicts.</returns>
    public bool StillConflict(ItemRef a, ItemRef b)
    {
        if (!_byRef.TryGetValue(a, out var x) || !_byRef.TryGetValue(b, out var y) || x.OwnerKey == y.OwnerKey)
        {
            return false;
        }

        foreach (var va in x.Volumes)
        {
            foreach (var vb in y.Volumes)
            {
                if (SeparationTest.Conflicts(va, vb, Minima))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Orders two references canonically (ordinal on kind, owner, id).</summary>
    /// <param name="x">One.</param>
    /// <param name="y">Other.</param>
    /// <returns>(smaller, larger).</returns>
    public static (ItemRef A, ItemRef B) Order(ItemRef x, ItemRef y) =>
        Compare(x, y) <= 0 ? (x, y) : (y, x);

    /// <summary>
    /// The encounter of two conflicting volumes: the overlap of their lat/lng boxes (or the gap between
    /// them when they are apart), the overlap of their bands (or the gap), the overlap of their windows
    /// (or the gap). Coarse by design: it is the safety minimum told to both sides.
    /// </summary>
    /// <param name="a">One volume.</param>
    /// <param name="b">Other volume.</param>
    /// <param name="minima">Minima (for the band and window when they only touch through the minima).</param>
    /// <returns>The encounter volume.</returns>
    public static Volume4D Encounter(Volume4D a, Volume4D b, SeparationMinima minima)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (aS, aW, aN, aE) = FootprintBox.Of(a.Footprint);
        var (bS, bW, bN, bE) = FootprintBox.Of(b.Footprint);
        var (s, n) = Between(aS, aN, bS, bN);
        var (w, e) = Between(aW, aE, bW, bE);
        var (low, high) = Between(a.AltitudeLowerM, a.AltitudeUpperM, b.AltitudeLowerM, b.AltitudeUpperM);
        if (high - low < 1)
        {
            high = low + 1;
        }

        var start = a.TimeStart > b.TimeStart ? a.TimeStart : b.TimeStart;
        DateTimeOffset? end = (a.TimeEnd, b.TimeEnd) switch
        {
            (null, null) => null,
            (null, { } y) => y,
            ({ } x, null) => x,
            ({ } x, { } y) => x < y ? x : y,
        };
        if (end is { } en && en <= start)
        {
            (start, end) = (en, start.AddSeconds(Math.Max(1, minima.TimeS)));
        }

        var minSpan = 0.0005;
        if (n - s < minSpan)
        {
            n = s + minSpan;
        }

        if (e - w < minSpan)
        {
            e = w + minSpan;
        }

        var box = new PolygonFootprint([new LatLng(s, w), new LatLng(s, e), new LatLng(n, e), new LatLng(n, w)]);
        return new Volume4D(box, low, high, start, end);
    }

    private static (double Low, double High) Between(double aLow, double aHigh, double bLow, double bHigh)
    {
        var low = Math.Max(aLow, bLow);
        var high = Math.Min(aHigh, bHigh);
        return low <= high ? (low, high) : (high, low);
    }

    private static int Compare(ItemRef x, ItemRef y)
    {
        var c = x.Kind.CompareTo(y.Kind);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Owner, y.Owner);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }

    private int OwnerKey(string owner)
    {
        if (!_owners.TryGetValue(owner, out var key))
        {
            key = _owners.Count;
            _owners.Add(owner, key);
        }

        return key;
    }

    private sealed record Entry(int Handle, ItemRef Reference, ImmutableArray<Volume4D> Volumes, int OwnerKey);
}
