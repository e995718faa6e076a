namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// One track at one instant in the frame of <see cref="TrackProjection"/>. Immutable and thread-safe.
/// </summary>
/// <param name="X">ECEF X of the surface point, metres.</param>
/// <param name="Y">ECEF Y of the surface point, metres.</param>
/// <param name="Z">ECEF Z of the surface point, metres.</param>
/// <param name="VelocityX">ECEF X of the horizontal velocity, metres per second.</param>
/// <param name="VelocityY">ECEF Y of the horizontal velocity, metres per second.</param>
/// <param name="VelocityZ">ECEF Z of the horizontal velocity, metres per second.</param>
/// <param name="AltitudeM">Altitude above the WGS84 ellipsoid, metres.</param>
/// <param name="VerticalRateMps">Vertical rate, metres per second, positive up.</param>
public readonly record struct TrackState(
    double X,
    double Y,
    double Z,
    double VelocityX,
    double VelocityY,
    double VelocityZ,
    double AltitudeM,
    double VerticalRateMps);
