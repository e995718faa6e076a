using System.Runtime.InteropServices;
using Tahaluf.Geometry.Separation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// An in-memory index of keyed, owned <see cref="Volume4D"/> values that answers "which stored volumes of other
/// owners conflict with this one" exactly as <see cref="SeparationTest.Conflicts"/> would if run against every
/// stored volume,
/// for up to about 1,000,000 volumes.
/// </summary>
/// <remarks>
/// <para>
/// Layout: a grid of 0.25° × 0.25° cells between 85° S and 85° N (longitude wraps at the antimeridian), plus one
/// cell for each polar cap shared by all longitudes; each cell is split into 4-hour time buckets, and windows
/// longer than a day or open-ended go to a per-cell timeless list. Each volume is filed, as integer bounds rounded
/// outward, in every cell and bucket its conservative latitude/longitude box and window touch; a volume that would
/// touch more than <see cref="LargeCellLimit"/> cells (country-sized footprints, polar rings) goes to a separate
/// list that every query scans. A query visits the cells of its own box grown by the horizontal minimum and the
/// buckets of its window grown by the time minimum, filters time, altitude and box eight entries at a time, drops
/// duplicates and same-owner entries, and runs the exact test only on what survives. The coarse bounds only ever
/// over-approximate, so the result equals a brute-force loop.
/// </para>
/// <para>
/// Thread safety: every member is safe to call from any number of threads at once. Queries (and
/// <see cref="ConflictingPairs"/>) run concurrently with each other; <see cref="Upsert"/> and <see cref="Remove"/>
/// are serialised against them by a reader-writer lock, so each call is atomic: a query sees the index as it was
/// before or after any given write, never half of an upsert. Writers wait for running queries, including a
/// running <see cref="ConflictingPairs"/>.
/// </para>
/// <para>
/// Volumes are expected to be valid (see <c>Volume4DValidator</c>): in particular polygon areas at most
/// 2,000,000 km², which the index relies on to tell a pole-holding ring from one that holds no pole.
/// </para>
/// </remarks>
public sealed class VolumeIndex : IDisposable
{
    /// <summary>A volume whose box touches more cells than this is kept in the linearly scanned list.</summary>
    public const int LargeCellLimit = 256;

    private const int CellE6 = 250_000;
    private const int CapLatE6 = 85_000_000;
    private const int Rows = 680;
    private const int Cols = 1440;
    private const int TurnE6 = 360 * IndexUnits.MicroDegrees;
    private const int NorthCap = Rows * Cols;
    private const int SouthCap = NorthCap + 1;

    [ThreadStatic]
    private static int[]? t_stamps;

    [ThreadStatic]
    private static int t_epoch;

    [ThreadStatic]
    private static int[]? t_survivors;

    [ThreadStatic]
    private static List<long>? t_keys;

    private readonly Func<Volume4D, Volume4D, SeparationMinima, bool> _conflicts;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SpatialCell?[] _cells = new SpatialCell?[SouthCap + 1];
    private readonly Dictionary<long, int> _slotsByKey = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly List<int> _largeSlots = [];
    private Volume4D?[] _volumes = new Volume4D?[64];
    private long[] _keys = new long[64];
    private int[] _owners = new int[64];
    private IndexEntry[] _entries = new IndexEntry[64];
    private GeoBox[] _boxes = new GeoBox[64];
    private bool[] _isLarge = new bool[64];
    private int _slotHighWater;

    /// <summary>Creates an empty index that decides conflicts with <see cref="SeparationTest.Conflicts"/>.</summary>
    public VolumeIndex()
        : this(SeparationTest.Conflicts)
    {
    }

    /// <summary>Creates an empty index that decides conflicts with <paramref name="conflicts"/>.</summary>
    /// <param name="conflicts">
    /// The exact test; must be symmetric, thread-safe and never report a conflict for volumes whose conservative
    /// boxes (grown by the horizontal minimum), altitude bands (grown by the vertical minimum) and windows (grown by
    /// the time minimum) are disjoint.
    /// </param>
    internal VolumeIndex(Func<Volume4D, Volume4D, SeparationMinima, bool> conflicts)
    {
        _conflicts = conflicts ?? throw new ArgumentNullException(nameof(conflicts));
    }

    /// <summary>Number of stored volumes. Thread-safe.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slotsByKey.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Stores <paramref name="volume"/> under <paramref name="key"/>, replacing (and, if it moved, re-filing) any
    /// volume already stored under that key. Thread-safe and atomic with respect to queries.
    /// </summary>
    /// <param name="key">Caller-chosen identifier; any value.</param>
    /// <param name="owner">Owning partner; volumes of the same owner never conflict.</param>
    /// <param name="volume">A validated volume.</param>
    public void Upsert(long key, int owner, Volume4D volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var box = GeoBox.Of(volume.Footprint);
        var entry = ToEntry(box, volume);
        _lock.EnterWriteLock();
        try
        {
            if (_slotsByKey.TryGetValue(key, out var slot))
            {
                Unfile(slot);
            }
            else
            {
                slot = AllocateSlot();
                _slotsByKey.Add(key, slot);
            }

            _volumes[slot] = volume;
            _keys[slot] = key;
            _owners[slot] = owner;
            _entries[slot] = entry;
            _boxes[slot] = box;
            File(slot);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes the volume stored under <paramref name="key"/>. Thread-safe and atomic with respect to queries.</summary>
    /// <param name="key">The key given to <see cref="Upsert"/>.</param>
    /// <returns>True when a volume was removed, false when none was stored under the key.</returns>
    public bool Remove(long key)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slotsByKey.Remove(key, out var slot))
            {
                return false;
            }

            Unfile(slot);
            _volumes[slot] = null;
            _freeSlots.Push(slot);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Appends to <paramref name="results"/> the keys of stored volumes whose owner differs from
    /// <paramref name="excludeOwner"/> and that conflict with <paramref name="volume"/> under
    /// <paramref name="minima"/>, each key once, in no particular order. Thread-safe; runs concurrently with other
    /// queries. Allocation-free once the calling thread's scratch buffers have grown.
    /// </summary>
    /// <param name="volume">A validated volume.</param>
    /// <param name="excludeOwner">Owner whose volumes are skipped; -1 (or any unused id) to skip none.</param>
    /// <param name="minima">Separation minima: metres horizontally and vertically, seconds in time.</param>
    /// <param name="results">Receives the keys; not cleared first.</param>
    public void Query(Volume4D volume, int excludeOwner, SeparationMinima minima, List<long> results)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(results);
        CheckMinima(minima);
        var box = GeoBox.Of(volume.Footprint).Expand(GeoBox.MaxAngleRad(minima.HorizontalM));
        _lock.EnterReadLock();
        try
        {
            QueryCore(volume, box, excludeOwner, minima, false, 0, results);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Appends to <paramref name="results"/> every unordered pair of stored volumes of different owners that
    /// conflict under <paramref name="minima"/>, once each as (A, B) with key A &lt; key B, sorted by A then B.
    /// Uses all cores; holds the read lock throughout, so writers wait until it returns.
    /// </summary>
    /// <param name="minima">Separation minima: metres horizontally and vertically, seconds in time.</param>
    /// <param name="results">Receives the pairs; not cleared first.</param>
    public void ConflictingPairs(SeparationMinima minima, List<(long A, long B)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        CheckMinima(minima);
        var angle = GeoBox.MaxAngleRad(minima.HorizontalM);
        var found = new List<(long A, long B)>();
        _lock.EnterReadLock();
        try
        {
            // Worker threads read without taking the lock themselves: this thread's read lock keeps writers out
            // until every worker has finished.
            Parallel.For(
                0,
                _slotHighWater,
                () => new List<(long A, long B)>(),
                (slot, _, local) =>
                {
                    var volume = _volumes[slot];
                    if (volume is null)
                    {
                        return local;
                    }

                    var keys = t_keys ??= [];
                    keys.Clear();
                    var key = _keys[slot];
                    QueryCore(volume, _boxes[slot].Expand(angle), _owners[slot], minima, true, key, keys);
                    foreach (var other in keys)
                    {
                        local.Add((key, other));
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
        }
        finally
        {
            _lock.ExitReadLock();
        }

        found.Sort();
        results.AddRange(found);
    }

    /// <summary>Approximate bytes held by the index's own arrays (not the stored <see cref="Volume4D"/> objects or cell objects).</summary>
    /// <returns>A size in bytes.</returns>
    internal long IndexBytes()
    {
        _lock.EnterReadLock();
        try
        {
            long bytes = (long)_volumes.Length * (8 + 8 + 4 + 32 + 40 + 1);
            foreach (var cell in _cells)
            {
                bytes += cell?.CapacityBytes ?? 0;
            }

            return bytes + (8L * _cells.Length);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private static void CheckMinima(SeparationMinima minima)
    {
        if (!(minima.HorizontalM >= 0 && double.IsFinite(minima.HorizontalM)))
        {
            throw new ArgumentOutOfRangeException(nameof(minima), minima.HorizontalM, "Horizontal minimum must be finite and at least 0 m.");
        }

        if (!(minima.VerticalM >= 0 && double.IsFinite(minima.VerticalM)))
        {
            throw new ArgumentOutOfRangeException(nameof(minima), minima.VerticalM, "Vertical minimum must be finite and at least 0 m.");
        }

        if (!(minima.TimeS >= 0 && double.IsFinite(minima.TimeS)))
        {
            throw new ArgumentOutOfRangeException(nameof(minima), minima.TimeS, "Time minimum must be finite and at least 0 s.");
        }
    }

    private static IndexEntry ToEntry(GeoBox box, Volume4D volume)
    {
        if (!double.IsFinite(box.LatMin) || !double.IsFinite(box.LatMax) || !double.IsFinite(box.LngMin)
            || !double.IsFinite(box.LngMax) || !double.IsFinite(volume.AltitudeLowerM) || !double.IsFinite(volume.AltitudeUpperM))
        {
            throw new ArgumentException("Volume has non-finite coordinates or altitudes; validate it first.", nameof(volume));
        }

        var entry = default(IndexEntry);
        SetBox(ref entry, box);
        entry.AltLo = IndexUnits.DecimetresDown(volume.AltitudeLowerM);
        entry.AltHi = IndexUnits.DecimetresUp(volume.AltitudeUpperM);
        entry.TimeStart = IndexUnits.SecondsDown(volume.TimeStart, 0);
        entry.TimeEnd = IndexUnits.SecondsUp(volume.TimeEnd, 0);
        return entry;
    }

    private static void SetBox(ref IndexEntry entry, GeoBox box)
    {
        entry.LatMin = IndexUnits.DegreesDown(box.LatMin);
        entry.LatMax = IndexUnits.DegreesUp(box.LatMax);
        if (box.FullLng)
        {
            entry.LngMin = IndexUnits.FullLngMin;
            entry.LngMax = IndexUnits.FullLngMax;
        }
        else
        {
            entry.LngMin = Math.Max(IndexUnits.DegreesDown(box.LngMin), -180 * IndexUnits.MicroDegrees);
            entry.LngMax = IndexUnits.DegreesUp(box.LngMax);
        }
    }

    private static int FloorDiv(int value, int divisor) => (int)Math.Floor(value / (double)divisor);

    /// <summary>The grid rows, polar caps and columns a box touches.</summary>
    private static (int RowLo, int RowHi, bool North, bool South, int ColLo, int ColCount) CellRange(in IndexEntry box)
    {
        var rowLo = Math.Max(0, FloorDiv(box.LatMin + CapLatE6, CellE6));
        var rowHi = Math.Min(Rows - 1, FloorDiv(box.LatMax + CapLatE6, CellE6));
        var north = box.LatMax >= CapLatE6;
        var south = box.LatMin < -CapLatE6;
        if (box.FullLng)
        {
            return (rowLo, rowHi, north, south, 0, Cols);
        }

        var colLo = FloorDiv(box.LngMin + (180 * IndexUnits.MicroDegrees), CellE6);
        var colHi = FloorDiv(box.LngMax + (180 * IndexUnits.MicroDegrees), CellE6);
        return (rowLo, rowHi, north, south, colLo, Math.Min(Cols, colHi - colLo + 1));
    }

    private static long CellCount(in IndexEntry box)
    {
        var (rowLo, rowHi, north, south, _, colCount) = CellRange(box);
        return ((long)Math.Max(0, rowHi - rowLo + 1) * colCount) + (north ? 1 : 0) + (south ? 1 : 0);
    }

    private int AllocateSlot()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
        }

        if (_slotHighWater == _volumes.Length)
        {
            var size = _volumes.Length * 2;
            Array.Resize(ref _volumes, size);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _owners, size);
            Array.Resize(ref _entries, size);
            Array.Resize(ref _boxes, size);
            Array.Resize(ref _isLarge, size);
        }

        return _slotHighWater++;
    }

    private void File(int slot)
    {
        ref var entry = ref _entries[slot];
        if (CellCount(entry) > LargeCellLimit)
        {
            _isLarge[slot] = true;
            _largeSlots.Add(slot);
            return;
        }

        _isLarge[slot] = false;
        var (rowLo, rowHi, north, south, colLo, colCount) = CellRange(entry);
        if (north)
        {
            (_cells[NorthCap] ??= new SpatialCell()).Add(slot, entry, IndexUnits.FullLngMin, IndexUnits.FullLngMax);
        }

        if (south)
        {
            (_cells[SouthCap] ??= new SpatialCell()).Add(slot, entry, IndexUnits.FullLngMin, IndexUnits.FullLngMax);
        }

        for (var row = rowLo; row <= rowHi; row++)
        {
            for (var k = 0; k < colCount; k++)
            {
                var (col, lngMin, lngMax) = InCellFrame(entry, colLo + k);
                (_cells[(row * Cols) + col] ??= new SpatialCell()).Add(slot, entry, lngMin, lngMax);
            }
        }
    }

    private void Unfile(int slot)
    {
        if (_isLarge[slot])
        {
            var at = _largeSlots.IndexOf(slot);
            _largeSlots[at] = _largeSlots[^1];
            _largeSlots.RemoveAt(_largeSlots.Count - 1);
            return;
        }

        ref var entry = ref _entries[slot];
        var (rowLo, rowHi, north, south, colLo, colCount) = CellRange(entry);
        if (north)
        {
            _cells[NorthCap]!.Remove(slot, entry);
        }

        if (south)
        {
            _cells[SouthCap]!.Remove(slot, entry);
        }

        for (var row = rowLo; row <= rowHi; row++)
        {
            for (var k = 0; k < colCount; k++)
            {
                var col = (colLo + k) % Cols;
                _cells[(row * Cols) + col]!.Remove(slot, entry);
            }
        }
    }

    /// <summary>
    /// The real column of unwrapped column <paramref name="unwrapped"/> and the box's longitude interval shifted
    /// into that column's frame; a full-longitude box keeps its sentinels.
    /// </summary>
    private static (int Col, int LngMin, int LngMax) InCellFrame(in IndexEntry box, int unwrapped)
    {
        if (box.FullLng)
        {
            return (unwrapped % Cols, box.LngMin, box.LngMax);
        }

        return unwrapped >= Cols
            ? (unwrapped - Cols, box.LngMin - TurnE6, box.LngMax - TurnE6)
            : (unwrapped, box.LngMin, box.LngMax);
    }

    private void QueryCore(
        Volume4D volume,
        GeoBox box,
        int excludeOwner,
        SeparationMinima minima,
        bool onlyGreaterKeys,
        long key,
        List<long> results)
    {
        var query = default(IndexEntry);
        SetBox(ref query, box);
        query.AltLo = IndexUnits.DecimetresDown(volume.AltitudeLowerM - minima.VerticalM);
        query.AltHi = IndexUnits.DecimetresUp(volume.AltitudeUpperM + minima.VerticalM);
        query.TimeStart = IndexUnits.SecondsDown(volume.TimeStart, minima.TimeS);
        query.TimeEnd = IndexUnits.SecondsUp(volume.TimeEnd, minima.TimeS);

        var stamps = t_stamps;
        if (stamps is null || stamps.Length < _slotHighWater)
        {
            stamps = t_stamps = new int[Math.Max(_volumes.Length, 64)];
            t_epoch = 0;
        }

        if (++t_epoch == int.MaxValue)
        {
            Array.Clear(stamps);
            t_epoch = 1;
        }

        var epoch = t_epoch;
        var filter = new CellFilter
        {
            LatMin = query.LatMin,
            LatMax = query.LatMax,
            AltLo = query.AltLo,
            AltHi = query.AltHi,
            TimeStart = query.TimeStart,
            TimeEnd = query.TimeEnd,
        };
        var context = new ScanContext(
            volume, excludeOwner, minima, onlyGreaterKeys, key, results, stamps, epoch,
            SpatialCell.BucketOf(query.TimeStart), SpatialCell.BucketOf(query.TimeEnd));

        var (rowLo, rowHi, north, south, colLo, colCount) = CellRange(query);
        filter.LngMin = IndexUnits.FullLngMin;
        filter.LngMax = IndexUnits.FullLngMax;
        if (north)
        {
            ScanCell(_cells[NorthCap], filter, context);
        }

        if (south)
        {
            ScanCell(_cells[SouthCap], filter, context);
        }

        for (var row = rowLo; row <= rowHi; row++)
        {
            var rowBase = row * Cols;
            for (var k = 0; k < colCount; k++)
            {
                var (col, lngMin, lngMax) = InCellFrame(query, colLo + k);
                var cell = _cells[rowBase + col];
                if (cell is null)
                {
                    continue;
                }

                filter.LngMin = lngMin;
                filter.LngMax = lngMax;
                ScanCell(cell, filter, context);
            }
        }

        foreach (var slot in _largeSlots)
        {
            ref var entry = ref _entries[slot];
            if (entry.TimeStart < query.TimeEnd && entry.TimeEnd > query.TimeStart
                && entry.AltLo <= query.AltHi && entry.AltHi >= query.AltLo
                && entry.LatMin <= query.LatMax && entry.LatMax >= query.LatMin
                && LongitudesOverlap(entry, query))
            {
                Consider(slot, context);
            }
        }
    }

    private static bool LongitudesOverlap(in IndexEntry a, in IndexEntry b)
    {
        if (a.FullLng || b.FullLng)
        {
            return true;
        }

        for (var turn = -1; turn <= 1; turn++)
        {
            long shift = (long)turn * TurnE6;
            if (a.LngMin + shift <= b.LngMax && b.LngMin <= a.LngMax + shift)
            {
                return true;
            }
        }

        return false;
    }

    private void ScanCell(SpatialCell? cell, in CellFilter filter, in ScanContext context)
    {
        if (cell is null)
        {
            return;
        }

        ScanCell(cell.Timeless, filter, context);
        for (var at = cell.LowerBound(context.FirstBucket); at < cell.BucketCount && cell.BucketAt(at) <= context.LastBucket; at++)
        {
            ScanCell(cell.CellAt(at), filter, context);
        }
    }

    private void ScanCell(IndexCell? cell, in CellFilter filter, in ScanContext context)
    {
        if (cell is null || cell.Count == 0)
        {
            return;
        }

        var survivors = t_survivors;
        if (survivors is null || survivors.Length < cell.Count)
        {
            survivors = t_survivors = new int[Math.Max(cell.Count * 2, 256)];
        }

        var found = cell.Scan(filter, survivors);
        for (var i = 0; i < found; i++)
        {
            Consider(survivors[i], context);
        }
    }

    private void Consider(int slot, in ScanContext context)
    {
        ref var stamp = ref context.Stamps[slot];
        if (stamp == context.Epoch)
        {
            return;
        }

        stamp = context.Epoch;
        if (_owners[slot] == context.ExcludeOwner)
        {
            return;
        }

        var key = _keys[slot];
        if (context.OnlyGreaterKeys && key <= context.Key)
        {
            return;
        }

        if (_conflicts(context.Volume, _volumes[slot]!, context.Minima))
        {
            context.Results.Add(key);
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct ScanContext(
        Volume4D Volume,
        int ExcludeOwner,
        SeparationMinima Minima,
        bool OnlyGreaterKeys,
        long Key,
        List<long> Results,
        int[] Stamps,
        int Epoch,
        int FirstBucket,
        int LastBucket);
}
