namespace Tahaluf.Domain.Items;

/// <summary>Bounds enforced by <see cref="ItemValidator"/>. Lengths are in UTF-16 characters.</summary>
public static class ItemLimits
{
    /// <summary>Most volumes in one operation or zone.</summary>
    public const int MaxVolumes = 100;

    /// <summary>Most callsigns in one operation.</summary>
    public const int MaxCallsigns = 64;

    /// <summary>Longest callsign.</summary>
    public const int MaxCallsignLength = 32;

    /// <summary>Largest aircraft count of one operation (the smallest is 1).</summary>
    public const int MaxAircraftCount = 500;

    /// <summary>Longest operation remarks.</summary>
    public const int MaxRemarksLength = 2_000;

    /// <summary>Longest zone name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest report text.</summary>
    public const int MaxReportTextLength = 16_000;

    /// <summary>Longest label caveat.</summary>
    public const int MaxCaveatLength = 256;

    /// <summary>Most entries in a label's releasable-to list.</summary>
    public const int MaxReleasableTo = 64;

    /// <summary>Lowest altitude of a track, metres above the WGS84 ellipsoid.</summary>
    public const double MinAltitudeM = -1_000;

    /// <summary>Highest altitude of a track, metres above the WGS84 ellipsoid.</summary>
    public const double MaxAltitudeM = 100_000;

    /// <summary>Highest ground speed of a track, metres per second.</summary>
    public const double MaxGroundSpeedMps = 2_000;

    /// <summary>Highest absolute vertical rate of a track, metres per second.</summary>
    public const double MaxVerticalRateMps = 1_000;
}
