namespace Tahaluf.Geometry.Volumes;

/// <summary>
/// The distances below which two volumes conflict. Defaults: 9,260 m (5 NM) horizontally,
/// 304.8 m (1,000 ft) vertically, 0 s in time.
/// </summary>
/// <param name="HorizontalM">Horizontal separation in metres, at least 0.</param>
/// <param name="VerticalM">Vertical separation in metres, at least 0.</param>
/// <param name="TimeS">Time separation in seconds, at least 0.</param>
public readonly record struct SeparationMinima(double HorizontalM, double VerticalM, double TimeS)
{
    /// <summary>5 NM, 1,000 ft, 0 s.</summary>
    public static SeparationMinima Default { get; } = new(9260, 304.8, 0);
}
