using System.Runtime.CompilerServices;

namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// The scalar reference for the closest point of approach of two constant-velocity tracks. The horizontal
/// minimum is violated on the interval of t where |Δp + Δv t| ≤ H (a quadratic), the vertical one where
/// |Δh + Δḣ t| ≤ V (linear); a conflict needs both at the same instant, so the two intervals are intersected
/// and clipped to [0, look-ahead]. <see cref="ClosestApproachBatch"/> computes the same values with the same
/// floating-point operations in the same order, so both agree to the last bit. Thread-safe (stateless).
/// </summary>
public static class ClosestApproach
{
    /// <summary>The encounter of <paramref name="other"/> with <paramref name="one"/>; symmetric in its results.</summary>
    /// <param name="one">The first track, at the prediction instant.</param>
    /// <param name="other">The second track, at the same instant.</param>
    /// <param name="limits">Minima and look-ahead.</param>
    /// <returns>The encounter; times in seconds after the instant.</returns>
    public static Encounter Compute(in TrackState one, in TrackState other, EncounterLimits limits) =>
        FromRelative(
            other.X - one.X,
            other.Y - one.Y,
            other.Z - one.Z,
            other.VelocityX - one.VelocityX,
            other.VelocityY - one.VelocityY,
            other.VelocityZ - one.VelocityZ,
            other.AltitudeM - one.AltitudeM,
            other.VerticalRateMps - one.VerticalRateMps,
            limits);

    /// <summary>The encounter from relative position (metres) and relative velocity (metres per second).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Encounter FromRelative(double dx, double dy, double dz, double dvx, double dvy, double dvz, double dh, double dvh, EncounterLimits limits)
    {
        var h = limits.HorizontalM;
        var v = limits.VerticalM;
        var lookahead = limits.LookaheadS;
        var a = (dvx * dvx) + (dvy * dvy) + (dvz * dvz);
        var b = (dx * dvx) + (dy * dvy) + (dz * dvz);
        var c = (dx * dx) + (dy * dy) + (dz * dz) - (h * h);

        bool horizontal;
        double hLo, hHi, cpa;
        if (a > 0)
        {
            var disc = (b * b) - (a * c);
            horizontal = disc >= 0;
            var s = Math.Sqrt(Math.Max(disc, 0));
            hLo = (-b - s) / a;
            hHi = (-b + s) / a;
            cpa = Math.Min(Math.Max(-b / a, 0), lookahead);
        }
        else
        {
            horizontal = c <= 0;
            hLo = double.NegativeInfinity;
            hHi = double.PositiveInfinity;
            cpa = 0;
        }

        bool vertical;
        double vLo, vHi;
        if (dvh != 0)
        {
            var t1 = (-v - dh) / dvh;
            var t2 = (v - dh) / dvh;
            vertical = true;
            vLo = Math.Min(t1, t2);
            vHi = Math.Max(t1, t2);
        }
        else
        {
            vertical = Math.Abs(dh) <= v;
            vLo = double.NegativeInfinity;
            vHi = double.PositiveInfinity;
        }

        var lo = Math.Max(Math.Max(hLo, 0), vLo);
        var hi = Math.Min(Math.Min(hHi, lookahead), vHi);
        var conflicts = horizontal && vertical && lo <= hi;

        var ex = dx + (dvx * cpa);
        var ey = dy + (dvy * cpa);
        var ez = dz + (dvz * cpa);
        var miss = Math.Sqrt((ex * ex) + (ey * ey) + (ez * ez));
        var vsep = Math.Abs(dh + (dvh * cpa));
        return conflicts
            ? new Encounter(true, cpa, miss, vsep, lo, hi)
            : new Encounter(false, cpa, miss, vsep, 0, 0);
    }
}
