using System.Runtime.InteropServices;

namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// The coarse test a query applies to stored entries: all bounds are integers rounded outward
/// (micro-degrees, decimetres, seconds since 2000-01-01 UTC), so an entry that fails it cannot conflict.
/// Time is half-open (strict comparisons), altitude and boxes closed.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct CellFilter
{
    /// <summary>Southern bound of the expanded query box, micro-degrees.</summary>
    public int LatMin;

    /// <summary>Northern bound of the expanded query box, micro-degrees.</summary>
    public int LatMax;

    /// <summary>Western bound in the frame of the cell being scanned, micro-degrees.</summary>
    public int LngMin;

    /// <summary>Eastern bound in the frame of the cell being scanned, micro-degrees.</summary>
    public int LngMax;

    /// <summary>Lower altitude widened by the vertical minimum, decimetres.</summary>
    public int AltLo;

    /// <summary>Upper altitude widened by the vertical minimum, decimetres.</summary>
    public int AltHi;

    /// <summary>Start widened by the time minimum, seconds since 2000-01-01 UTC.</summary>
    public int TimeStart;

    /// <summary>End widened by the time minimum, seconds since 2000-01-01 UTC; <see cref="int.MaxValue"/> when open.</summary>
    public int TimeEnd;
}
