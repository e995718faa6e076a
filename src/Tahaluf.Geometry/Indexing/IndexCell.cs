using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// The entries of one grid cell and time bucket, in one integer array of blocks of eight: each block holds the
/// slots of eight entries, then their eight southern bounds, and so on for every field. A scan therefore reads
/// one contiguous run of memory and tests eight entries per instruction, which matters because a query touches
/// many small cells and each separate array would cost a cache miss. Unused lanes of the last block hold an
/// empty time window, so they never pass. Longitudes are stored in the cell's own frame (shifted by whole turns
/// so the interval touches the cell), which makes antimeridian crossings ordinary intervals. Not thread-safe:
/// the owning <see cref="VolumeIndex"/> serialises writers against readers.
/// </summary>
internal sealed class IndexCell
{
    private const int Lanes = 8;
    private const int Fields = 9;
    private const int BlockInts = Lanes * Fields;
    private const int Slot = 0;
    private const int LatMin = 1;
    private const int LatMax = 2;
    private const int LngMin = 3;
    private const int LngMax = 4;
    private const int AltLo = 5;
    private const int AltHi = 6;
    private const int TimeStart = 7;
    private const int TimeEnd = 8;

    private int[] _data = NewBlocks(1);

    /// <summary>Number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the array (capacity, not count).</summary>
    public long CapacityBytes => 4L * _data.Length;

    public void Add(int slot, in IndexEntry entry, int lngMin, int lngMax)
    {
        if (Count == _data.Length / BlockInts * Lanes)
        {
            var grown = NewBlocks(_data.Length / BlockInts * 2);
            Array.Copy(_data, grown, _data.Length);
            _data = grown;
        }

        var i = Count;
        Set(i, Slot, slot);
        Set(i, LatMin, entry.LatMin);
        Set(i, LatMax, entry.LatMax);
        Set(i, LngMin, lngMin);
        Set(i, LngMax, lngMax);
        Set(i, AltLo, entry.AltLo);
        Set(i, AltHi, entry.AltHi);
        Set(i, TimeStart, entry.TimeStart);
        Set(i, TimeEnd, entry.TimeEnd);
        Count = i + 1;
    }

    public bool Remove(int slot)
    {
        var i = IndexOf(slot);
        if (i < 0)
        {
            return false;
        }

        var last = Count - 1;
        for (var field = 0; field < Fields; field++)
        {
            Set(i, field, Get(last, field));
        }

        ClearLane(last);
        Count = last;
        return true;
    }

    /// <summary>Writes the slots of entries that pass <paramref name="filter"/> to <paramref name="output"/> (at least <see cref="Count"/> long).</summary>
    /// <returns>The number written.</returns>
    public int Scan(in CellFilter filter, Span<int> output)
    {
        var count = Count;
        var written = 0;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < count; i++)
            {
                if (Get(i, TimeStart) < filter.TimeEnd && Get(i, TimeEnd) > filter.TimeStart
                    && Get(i, AltLo) <= filter.AltHi && Get(i, AltHi) >= filter.AltLo
                    && Get(i, LatMin) <= filter.LatMax && Get(i, LatMax) >= filter.LatMin
                    && Get(i, LngMin) <= filter.LngMax && Get(i, LngMax) >= filter.LngMin)
                {
                    output[written++] = Get(i, Slot);
                }
            }

            return written;
        }

        var qLatMin = Vector256.Create(filter.LatMin);
        var qLatMax = Vector256.Create(filter.LatMax);
        var qLngMin = Vector256.Create(filter.LngMin);
        var qLngMax = Vector256.Create(filter.LngMax);
        var qAltLo = Vector256.Create(filter.AltLo);
        var qAltHi = Vector256.Create(filter.AltHi);
        var qStart = Vector256.Create(filter.TimeStart);
        var qEnd = Vector256.Create(filter.TimeEnd);
        ref var data = ref MemoryMarshal.GetArrayDataReference(_data);
        var blocks = (count + Lanes - 1) / Lanes;
        for (var block = 0; block < blocks; block++)
        {
            var at = (nuint)(block * BlockInts);
            var mask = Vector256.LessThan(Vector256.LoadUnsafe(ref data, at + (TimeStart * Lanes)), qEnd)
                & Vector256.GreaterThan(Vector256.LoadUnsafe(ref data, at + (TimeEnd * Lanes)), qStart)
                & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref data, at + (AltLo * Lanes)), qAltHi)
                & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref data, at + (AltHi * Lanes)), qAltLo)
                & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref data, at + (LatMin * Lanes)), qLatMax)
                & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref data, at + (LatMax * Lanes)), qLatMin)
                & Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref data, at + (LngMin * Lanes)), qLngMax)
                & Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref data, at + (LngMax * Lanes)), qLngMin);
            var bits = mask.ExtractMostSignificantBits();
            while (bits != 0)
            {
                var lane = BitOperations.TrailingZeroCount(bits);
                output[written++] = Unsafe.Add(ref data, (int)at + lane);
                bits &= bits - 1;
            }
        }

        return written;
    }

    private static int[] NewBlocks(int blocks)
    {
        var data = new int[blocks * BlockInts];
        for (var block = 0; block < blocks; block++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                ClearLane(data, (block * Lanes) + lane);
            }
        }

        return data;
    }

    // An empty window (start after end) fails every time test, so idle lanes need no mask.
    private static void ClearLane(int[] data, int i)
    {
        data[Offset(i, TimeStart)] = int.MaxValue;
        data[Offset(i, TimeEnd)] = int.MinValue;
    }

    private void ClearLane(int i) => ClearLane(_data, i);

    private int IndexOf(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Get(i, Slot) == slot)
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Offset(int i, int field) => ((i / Lanes) * BlockInts) + (field * Lanes) + (i % Lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Get(int i, int field) => _data[Offset(i, field)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(int i, int field, int value) => _data[Offset(i, field)] = value;
}
