using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Separation;

/// <summary>
/// The conflict test between two volumes (ARCHITECTURE.md, "Geometry semantics"): they conflict when their
/// time windows overlap once one is widened by the time separation, their altitude bands overlap once one is
/// widened by the vertical separation, and their footprints are at most the horizontal separation apart
/// (<see cref="FootprintDistance.IsWithin"/>). Checked in that order, cheapest first. Symmetric in its two volumes
/// and monotone in each minimum. Ownership and item state are the domain's business, not checked here.
/// Thread-safe and allocation-free once both footprints have been prepared (cached per footprint instance).
/// </summary>
public static class SeparationTest
{
    /// <summary>Whether two volumes conflict under the given minima.</summary>
    /// <param name="a">A validated volume.</param>
    /// <param name="b">A validated volume.</param>
    /// <param name="minima">Separation minima; each at least 0 (metres, metres, seconds).</param>
    /// <returns>True when the volumes conflict.</returns>
    /// <exception cref="ArgumentNullException">A volume is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A minimum is negative or NaN.</exception>
    public static bool Conflicts(Volume4D a, Volume4D b, SeparationMinima minima)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!(minima.HorizontalM >= 0) || !(minima.VerticalM >= 0) || !(minima.TimeS >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minima), minima, "Separation minima must be at least 0.");
        }

        return TimesOverlap(a, b, minima.TimeS)
            && AltitudesOverlap(a, b, minima.VerticalM)
            && FootprintDistance.IsWithinPrepared(PreparedFootprint.Get(a.Footprint), PreparedFootprint.Get(b.Footprint), minima.HorizontalM);
    }

    /// <summary>
    /// Half-open windows [start, end) overlap once one is widened by <paramref name="separationS"/> on both
    /// sides; a null end is +∞. With 0 s, windows that only meet (one ends when the other starts) do not overlap.
    /// </summary>
    /// <param name="a">A volume.</param>
    /// <param name="b">A volume.</param>
    /// <param name="separationS">Time separation in seconds, at least 0.</param>
    /// <returns>True when the widened windows overlap.</returns>
    public static bool TimesOverlap(Volume4D a, Volume4D b, double separationS)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        // Ticks span about ±3.2e18; capping the widening keeps every sum inside a long.
        var widen = (long)Math.Min(separationS * TimeSpan.TicksPerSecond, 1e18);
        var startA = a.TimeStart.UtcTicks;
        var startB = b.TimeStart.UtcTicks;
        var aBeforeEndOfB = b.TimeEnd is not { } endB || startA - widen < endB.UtcTicks;
        var bBeforeEndOfA = a.TimeEnd is not { } endA || startB < endA.UtcTicks + widen;
        return aBeforeEndOfB && bBeforeEndOfA;
    }

    /// <summary>Closed bands [lower, upper] overlap once one is widened by <paramref name="separationM"/> on both sides.</summary>
    /// <param name="a">A volume.</param>
    /// <param name="b">A volume.</param>
    /// <param name="separationM">Vertical separation in metres, at least 0.</param>
    /// <returns>True when the widened bands overlap (touching counts).</returns>
    public static bool AltitudesOverlap(Volume4D a, Volume4D b, double separationM)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.AltitudeLowerM - separationM <= b.AltitudeUpperM && b.AltitudeLowerM <= a.AltitudeUpperM + separationM;
    }
}
