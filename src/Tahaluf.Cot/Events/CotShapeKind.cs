namespace Tahaluf.Cot.Events;

/// <summary>The drawing shapes that can become zones.</summary>
public enum CotShapeKind
{
    /// <summary><c>u-d-f</c>: a free-form polygon (closed) or line (open), vertices as <c>&lt;link point&gt;</c>.</summary>
    Polygon = 0,

    /// <summary><c>u-d-r</c>: a rectangle given by its four corners as <c>&lt;link point&gt;</c>.</summary>
    Rectangle = 1,

    /// <summary><c>u-d-c-c</c>: a circle or ellipse centred on the event point, <c>&lt;shape&gt;&lt;ellipse&gt;</c>.</summary>
    Ellipse = 2,
}
