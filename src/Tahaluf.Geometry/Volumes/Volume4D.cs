namespace Tahaluf.Geometry.Volumes;

/// <summary>
/// A footprint extruded over an altitude band and a time window. Altitudes are metres above the WGS84
/// ellipsoid (lower &lt; upper, closed band); the window is half-open [<see cref="TimeStart"/>,
/// <see cref="TimeEnd"/>) in UTC, and <see cref="TimeEnd"/> is null for an open-ended zone.
/// Construct through a reader or the validator to get a validated value.
/// </summary>
/// <param name="Footprint">Horizontal outline.</param>
/// <param name="AltitudeLowerM">Lower altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="AltitudeUpperM">Upper altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="TimeStart">Start of the window, inclusive, UTC.</param>
/// <param name="TimeEnd">End of the window, exclusive, UTC; null when open-ended.</param>
public sealed record Volume4D(
    Footprint Footprint,
    double AltitudeLowerM,
    double AltitudeUpperM,
    DateTimeOffset TimeStart,
    DateTimeOffset? TimeEnd);
