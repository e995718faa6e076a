namespace Tahaluf.Geometry.Volumes;

/// <summary>
/// The horizontal outline of a volume on the WGS84 ellipsoid: a polygon with great-circle edges
/// or a geodesic circle. Immutable and thread-safe.
/// </summary>
public abstract record Footprint;
