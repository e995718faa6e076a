namespace Tahaluf.Geometry.Indexing;

/// <summary>
/// Conversions from the index's double-precision inputs to the integers its filters compare, always rounded
/// outward (lower bounds down, upper bounds up) so the integer test never rejects a real conflict.
/// </summary>
internal static class IndexUnits
{
    /// <summary>Micro-degrees per degree.</summary>
    public const int MicroDegrees = 1_000_000;

    /// <summary>A longitude bound that every frame's interval contains: stands for "all longitudes".</summary>
    public const int FullLngMin = int.MinValue / 4;

    /// <summary>See <see cref="FullLngMin"/>.</summary>
    public const int FullLngMax = int.MaxValue / 4;

    /// <summary>Open end of a time window.</summary>
    public const int OpenEnd = int.MaxValue;

    private static readonly long EpochTicks = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public static int DegreesDown(double degrees) => (int)Math.Floor(degrees * MicroDegrees);

    public static int DegreesUp(double degrees) => (int)Math.Ceiling(degrees * MicroDegrees);

    public static int DecimetresDown(double metres) => ClampToInt(Math.Floor(metres * 10));

    public static int DecimetresUp(double metres) => ClampToInt(Math.Ceiling(metres * 10));

    /// <summary>Seconds since 2000-01-01 UTC, rounded down, shifted earlier by <paramref name="widenS"/>.</summary>
    public static int SecondsDown(DateTimeOffset time, double widenS) =>
        ClampStart(Math.Floor(((time.UtcTicks - EpochTicks) / (double)TimeSpan.TicksPerSecond) - widenS));

    /// <summary>Seconds since 2000-01-01 UTC, rounded up, shifted later by <paramref name="widenS"/>; open end when null.</summary>
    public static int SecondsUp(DateTimeOffset? time, double widenS) =>
        time is { } t
            ? ClampEnd(Math.Ceiling(((t.UtcTicks - EpochTicks) / (double)TimeSpan.TicksPerSecond) + widenS))
            : OpenEnd;

    private static int ClampToInt(double value) =>
        value <= int.MinValue / 2 ? int.MinValue / 2 : value >= int.MaxValue / 2 ? int.MaxValue / 2 : (int)value;

    // Starts live in [Min + 1, Max - 2] and ends in [Min + 2, Max - 1], so a strict "start < end" that holds for
    // the real values still holds after clamping, and the open end keeps a value of its own.
    private static int ClampStart(double seconds) =>
        seconds <= int.MinValue + 1 ? int.MinValue + 1 : seconds >= int.MaxValue - 2 ? int.MaxValue - 2 : (int)seconds;

    private static int ClampEnd(double seconds) =>
        seconds <= int.MinValue + 2 ? int.MinValue + 2 : seconds >= int.MaxValue - 1 ? int.MaxValue - 1 : (int)seconds;
}
