using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cot.Events;

/// <summary>
/// A drawing shape from a CoT event's detail. For polygons and rectangles, <see cref="Vertices"/> are the link
/// points in order (a closing repeat of the first vertex is kept as sent); for ellipses, the semi-axes and the
/// rotation, centred on the event point. Immutable.
/// </summary>
/// <param name="Kind">Polygon, rectangle or ellipse.</param>
/// <param name="Vertices">Vertices in degrees (empty for an ellipse).</param>
/// <param name="MajorM">Ellipse semi-major axis in metres (0 otherwise).</param>
/// <param name="MinorM">Ellipse semi-minor axis in metres (0 otherwise).</param>
/// <param name="AngleDeg">Ellipse rotation in degrees clockwise from north (0 otherwise).</param>
public sealed record CotShape(CotShapeKind Kind, IReadOnlyList<LatLng> Vertices, double MajorM = 0, double MinorM = 0, double AngleDeg = 0);
