namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// One cell of the latitude/longitude grid, split by time: entries whose window lies within at most
/// <see cref="MaxBuckets"/> consecutive buckets of <see cref="BucketSeconds"/> are filed in each of those buckets;
/// open-ended and longer windows go to <see cref="Timeless"/>, which every query of the cell scans. A query then
/// reads only the buckets its own window touches, so busy airspace over a week costs a few hours' worth of
/// entries. Not thread-safe: the owning <see cref="VolumeIndex"/> serialises writers against readers.
/// </summary>
internal sealed class SpatialCell
{
    /// <summary>Length of a time bucket, seconds (4 h).</summary>
    public const int BucketSeconds = 4 * 3600;

    /// <summary>A window touching more buckets than this (a day) is filed as timeless.</summary>
    public const int MaxBuckets = 6;

    private int[] _buckets = new int[4];
    private IndexCell[] _cells = new IndexCell[4];
    private int _count;

    /// <summary>Entries with open-ended or long windows; null until one arrives.</summary>
    public IndexCell? Timeless { get; private set; }

    /// <summary>Number of non-empty time buckets.</summary>
    public int BucketCount => _count;

    /// <summary>Bytes held by the cell's arrays.</summary>
    public long CapacityBytes
    {
        get
        {
            var bytes = (Timeless?.CapacityBytes ?? 0) + (12L * _buckets.Length);
            for (var i = 0; i < _count; i++)
            {
                bytes += _cells[i].CapacityBytes;
            }

            return bytes;
        }
    }

    /// <summary>The bucket of a time in seconds since 2000-01-01 UTC (floor division, so negative times work).</summary>
    public static int BucketOf(int seconds) => (int)Math.Floor(seconds / (double)BucketSeconds);

    /// <summary>The buckets an entry is filed in, or null when it is timeless.</summary>
    public static (int First, int Last)? BucketsOf(in IndexEntry entry)
    {
        if (entry.TimeEnd == IndexUnits.OpenEnd)
        {
            return null;
        }

        // The window is half-open, so its last second is TimeEnd − 1.
        var first = BucketOf(entry.TimeStart);
        var last = BucketOf(Math.Max(entry.TimeStart, entry.TimeEnd - 1));
        return (long)last - first + 1 > MaxBuckets ? null : (first, last);
    }

    public void Add(int slot, in IndexEntry entry, int lngMin, int lngMax)
    {
        if (BucketsOf(entry) is not var (first, last))
        {
            (Timeless ??= new IndexCell()).Add(slot, entry, lngMin, lngMax);
            return;
        }

        for (var bucket = first; bucket <= last; bucket++)
        {
            GetOrAdd(bucket).Add(slot, entry, lngMin, lngMax);
        }
    }

    public void Remove(int slot, in IndexEntry entry)
    {
        if (BucketsOf(entry) is not var (first, last))
        {
            Timeless?.Remove(slot);
            return;
        }

        for (var bucket = first; bucket <= last; bucket++)
        {
            var at = _buckets.AsSpan(0, _count).BinarySearch(bucket);
            if (at < 0)
            {
                continue;
            }

            var cell = _cells[at];
            cell.Remove(slot);
            if (cell.Count == 0)
            {
                // Buckets in the past empty out as volumes are removed; dropping them keeps the list short.
                Array.Copy(_buckets, at + 1, _buckets, at, _count - at - 1);
                Array.Copy(_cells, at + 1, _cells, at, _count - at - 1);
                _count--;
                _cells[_count] = null!;
            }
        }
    }

    /// <summary>Position of the first bucket at or after <paramref name="bucket"/>.</summary>
    public int LowerBound(int bucket)
    {
        var at = _buckets.AsSpan(0, _count).BinarySearch(bucket);
        return at >= 0 ? at : ~at;
    }

    public int BucketAt(int position) => _buckets[position];

    public IndexCell CellAt(int position) => _cells[position];

    private IndexCell GetOrAdd(int bucket)
    {
        var at = _buckets.AsSpan(0, _count).BinarySearch(bucket);
        if (at >= 0)
        {
            return _cells[at];
        }

        at = ~at;
        if (_count == _buckets.Length)
        {
            Array.Resize(ref _buckets, _count * 2);
            Array.Resize(ref _cells, _count * 2);
        }

        Array.Copy(_buckets, at, _buckets, at + 1, _count - at);
        Array.Copy(_cells, at, _cells, at + 1, _count - at);
        var cell = new IndexCell();
        _buckets[at] = bucket;
        _cells[at] = cell;
        _count++;
        return cell;
    }
}
