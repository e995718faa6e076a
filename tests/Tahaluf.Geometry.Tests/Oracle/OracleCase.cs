using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>One pair of volumes to judge, with the minima to judge it by and a label saying where it came from.</summary>
public sealed record OracleCase(string Label, Volume4D A, Volume4D B, SeparationMinima Minima)
{
    /// <summary>
    /// Half-width of the band around the horizontal minimum inside which the engine and PostGIS may
    /// legitimately differ: 0.5 % or 50 m, whichever is larger (ARCHITECTURE.md, Geometry semantics).
    /// </summary>
    public double ToleranceM => Tolerance(Minima.HorizontalM);

    public static double Tolerance(double distanceM) => Math.Max(0.005 * distanceM, 50);
}
