using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// One track's swept box (ECEF x, y, z and altitude intervals, as floats rounded outward by the caller)
/// spread over eight lanes, tested against eight boxes of the columns at once.
/// </summary>
internal readonly struct SweptBox
{
    private readonly Vector256<float> _x0;
    private readonly Vector256<float> _x1;
    private readonly Vector256<float> _y0;
    private readonly Vector256<float> _y1;
    private readonly Vector256<float> _z0;
    private readonly Vector256<float> _z1;
    private readonly Vector256<float> _h0;
    private readonly Vector256<float> _h1;

    /// <summary>Broadcasts box <paramref name="i"/> of the eight columns (min, max per axis).</summary>
    public SweptBox(float[][] columns, int i)
    {
        _x0 = Vector256.Create(columns[0][i]);
        _x1 = Vector256.Create(columns[1][i]);
        _y0 = Vector256.Create(columns[2][i]);
        _y1 = Vector256.Create(columns[3][i]);
        _z0 = Vector256.Create(columns[4][i]);
        _z1 = Vector256.Create(columns[5][i]);
        _h0 = Vector256.Create(columns[6][i]);
        _h1 = Vector256.Create(columns[7][i]);
    }

    /// <summary>A bit per box k … k + 7 (bit 0 for k) that overlaps this one in every axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Overlaps(float[][] columns, int k)
    {
        var i = (nuint)k;
        var m = Vector256.GreaterThanOrEqual(Load(columns[1], i), _x0) & Vector256.LessThanOrEqual(Load(columns[0], i), _x1)
            & Vector256.GreaterThanOrEqual(Load(columns[3], i), _y0) & Vector256.LessThanOrEqual(Load(columns[2], i), _y1)
            & Vector256.GreaterThanOrEqual(Load(columns[5], i), _z0) & Vector256.LessThanOrEqual(Load(columns[4], i), _z1)
            & Vector256.GreaterThanOrEqual(Load(columns[7], i), _h0) & Vector256.LessThanOrEqual(Load(columns[6], i), _h1);
        return m.ExtractMostSignificantBits();
    }

    private static Vector256<float> Load(float[] column, nuint i) => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), i);
}
