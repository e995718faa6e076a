namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// The minima and look-ahead of a track–track prediction. Defaults: 9,260 m (5 NM), 304.8 m (1,000 ft), 120 s.
/// Both minima are inclusive: a pair exactly at them conflicts.
/// </summary>
/// <param name="HorizontalM">Horizontal minimum in metres, at least 0.</param>
/// <param name="VerticalM">Vertical minimum in metres, at least 0.</param>
/// <param name="LookaheadS">Look-ahead in seconds, at least 0.</param>
public readonly record struct EncounterLimits(double HorizontalM, double VerticalM, double LookaheadS)
{
    /// <summary>5 NM, 1,000 ft, 120 s.</summary>
    public static EncounterLimits Default { get; } = new(9260, 304.8, 120);

    /// <summary>Throws when a field is negative or not finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is negative, NaN or infinite.</exception>
    public void Validate()
    {
        if (!(HorizontalM >= 0 && double.IsFinite(HorizontalM)))
        {
            throw new ArgumentOutOfRangeException(nameof(HorizontalM), HorizontalM, "The horizontal minimum must be a finite number of metres, at least 0.");
        }

        if (!(VerticalM >= 0 && double.IsFinite(VerticalM)))
        {
            throw new ArgumentOutOfRangeException(nameof(VerticalM), VerticalM, "The vertical minimum must be a finite number of metres, at least 0.");
        }

        if (!(LookaheadS >= 0 && double.IsFinite(LookaheadS)))
        {
            throw new ArgumentOutOfRangeException(nameof(LookaheadS), LookaheadS, "The look-ahead must be a finite number of seconds, at least 0.");
        }
    }
}
