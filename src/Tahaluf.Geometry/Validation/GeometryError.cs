namespace Tahaluf.Geometry.Validation;

/// <summary>An expected failure to read or validate a volume: a stable code, the offending field's path and a message.</summary>
/// <param name="Code">One of <see cref="GeometryErrorCodes"/>; stable across releases.</param>
/// <param name="Field">JSON path of the offending field, e.g. <c>volume.outline_polygon.vertices[3].lat</c>.</param>
/// <param name="Message">Plain-English explanation naming the field and the rule.</param>
public sealed record GeometryError(string Code, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
