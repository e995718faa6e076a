using System.Runtime.InteropServices;

namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// The integer bounds of one stored volume (see <see cref="IndexUnits"/>): box in micro-degrees with the
/// longitude interval starting in [-180°, 180°) (or the full-longitude sentinels), altitude in decimetres,
/// window in seconds since 2000-01-01 UTC.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct IndexEntry
{
    public int LatMin;
    public int LatMax;
    public int LngMin;
    public int LngMax;
    public int AltLo;
    public int AltHi;
    public int TimeStart;
    public int TimeEnd;

    /// <summary>True when <see cref="LngMin"/>/<see cref="LngMax"/> are the full-longitude sentinels.</summary>
    public readonly bool FullLng => LngMin == IndexUnits.FullLngMin;
}
