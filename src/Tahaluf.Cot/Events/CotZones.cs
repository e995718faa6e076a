using Tahaluf.Geometry.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cot.Events;

/// <summary>
/// Turns a CoT drawing shape (<c>u-d-f</c> closed polygon, <c>u-d-r</c> rectangle, <c>u-d-c-c</c> circle or
/// ellipse) into a <see cref="Volume4D"/> validated by the geometry engine. The altitude band comes from the
/// <c>&lt;tahaluf minAltM maxAltM&gt;</c> detail, else the whole column (−1,000 m to 100,000 m); the window is
/// [start, stale). An ellipse becomes the circle of its semi-major axis (a cover, never smaller). A closing
/// repeat of the first vertex is dropped. Thread-safe (stateless).
/// </summary>
public static class CotZones
{
    /// <summary>Lowest altitude of the whole column, metres.</summary>
    public const double ColumnBottomM = -1000;

    /// <summary>Highest altitude of the whole column, metres.</summary>
    public const double ColumnTopM = 100000;

    /// <summary>The volume of a shape event, or an error.</summary>
    /// <param name="cotEvent">A <c>u-d-f</c>, <c>u-d-r</c> or <c>u-d-c-c</c> event.</param>
    /// <returns>The validated volume, or an error (<see cref="CotErrorCodes.NotAShape"/> or the validator's message).</returns>
    public static CotResult<Volume4D> ToVolume(CotEvent cotEvent)
    {
        ArgumentNullException.ThrowIfNull(cotEvent);
        var detail = cotEvent.Detail;
        Footprint footprint;
        switch (cotEvent.Type)
        {
            case CotTypes.Circle when detail.Shape is { Kind: CotShapeKind.Ellipse } e && Math.Max(e.MajorM, e.MinorM) > 0:
                footprint = new CircleFootprint(new LatLng(cotEvent.Point.Lat, cotEvent.Point.Lon), Math.Max(e.MajorM, e.MinorM));
                break;
            case CotTypes.Polygon or CotTypes.Rectangle when detail.Shape is { Kind: not CotShapeKind.Ellipse } s:
                var vertices = s.Vertices.ToList();
                if (vertices.Count > 1 && vertices[0] == vertices[^1])
                {
                    vertices.RemoveAt(vertices.Count - 1);
                }

                footprint = new PolygonFootprint([.. vertices]);
                break;
            default:
                return CotResult<Volume4D>.Fail(CotErrorCodes.NotAShape, $"Event type '{cotEvent.Type}' with this detail is not a u-d-f, u-d-r or u-d-c-c shape.");
        }

        var volume = new Volume4D(footprint, detail.MinAltitudeM ?? ColumnBottomM, detail.MaxAltitudeM ?? ColumnTopM, cotEvent.Start, cotEvent.Stale);
        var errors = Volume4DValidator.Validate(volume);
        return errors is null ? CotResult<Volume4D>.Ok(volume) : CotResult<Volume4D>.Fail(CotErrorCodes.InvalidField, errors.ToString());
    }
}
