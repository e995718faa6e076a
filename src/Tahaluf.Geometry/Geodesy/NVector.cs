using System.Runtime.CompilerServices;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Geometry.Geodesy;

/// <summary>
/// A position as a unit vector from the centre of the unit sphere (an n-vector): x towards (0°, 0°),
/// y towards (0°, 90° E), z towards the north pole. Latitude and longitude are read as spherical
/// coordinates, the convention of S2 and PostGIS <c>geography</c>, so great-circle arcs are the
/// intersections of the sphere with planes through its centre. Working in 3D makes the antimeridian and
/// the poles ordinary points. Immutable and thread-safe.
/// </summary>
/// <param name="X">X component (dimensionless).</param>
/// <param name="Y">Y component (dimensionless).</param>
/// <param name="Z">Z component (dimensionless).</param>
public readonly record struct NVector(double X, double Y, double Z)
{
    private const double DegreesToRadians = Math.PI / 180.0;

    /// <summary>The unit vector of a position given in degrees.</summary>
    /// <param name="position">Latitude and longitude in degrees.</param>
    /// <returns>A vector of length 1 (within rounding).</returns>
    public static NVector FromLatLng(LatLng position)
    {
        var lat = position.Lat * DegreesToRadians;
        var lng = position.Lng * DegreesToRadians;
        var (sinLat, cosLat) = Math.SinCos(lat);
        var (sinLng, cosLng) = Math.SinCos(lng);
        return new NVector(cosLat * cosLng, cosLat * sinLng, sinLat);
    }

    /// <summary>The position of this vector in degrees; longitude in [-180, 180], 0 at the poles' axis.</summary>
    /// <returns>Latitude and longitude in degrees.</returns>
    public LatLng ToLatLng()
    {
        var lat = Math.Atan2(Z, Math.Sqrt((X * X) + (Y * Y))) / DegreesToRadians;
        var lng = (X == 0 && Y == 0) ? 0.0 : Math.Atan2(Y, X) / DegreesToRadians;
        return new LatLng(lat, lng);
    }

    /// <summary>Euclidean length of the vector.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>Dot product.</summary>
    /// <param name="other">The other vector.</param>
    /// <returns>The dot product; for unit vectors the cosine of the angle between them.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Dot(NVector other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>Cross product <c>this × other</c>; for unit vectors, the (unnormalised) pole of the great circle through both.</summary>
    /// <param name="other">The other vector.</param>
    /// <returns>The cross product.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public NVector Cross(NVector other) => new(
        (Y * other.Z) - (Z * other.Y),
        (Z * other.X) - (X * other.Z),
        (X * other.Y) - (Y * other.X));

    /// <summary>This vector scaled to length 1, or the zero vector when it has length 0.</summary>
    /// <returns>The unit vector.</returns>
    public NVector Normalize()
    {
        var length = Length;
        return length > 0 ? new NVector(X / length, Y / length, Z / length) : default;
    }

    /// <summary>Angle between two vectors in radians, in [0, π]; accurate for tiny and near-π angles alike.</summary>
    /// <param name="other">The other vector.</param>
    /// <returns>The angle in radians.</returns>
    public double AngleTo(NVector other) => Math.Atan2(Cross(other).Length, Dot(other));

    /// <summary>Squared straight-line (chord) distance between two vectors; for unit vectors 4 sin²(θ/2), monotone in the angle θ.</summary>
    /// <param name="other">The other vector.</param>
    /// <returns>The squared chord length.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ChordSquaredTo(NVector other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        var dz = Z - other.Z;
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    /// <summary>Component-wise sum.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The sum.</returns>
    public static NVector operator +(NVector left, NVector right) => new(left.X + right.X, left.Y + right.Y, left.Z + right.Z);

    /// <summary>Component-wise difference.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The difference.</returns>
    public static NVector operator -(NVector left, NVector right) => new(left.X - right.X, left.Y - right.Y, left.Z - right.Z);

    /// <summary>Scaling by a number.</summary>
    /// <param name="vector">The vector.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled vector.</returns>
    public static NVector operator *(NVector vector, double factor) => new(vector.X * factor, vector.Y * factor, vector.Z * factor);

    /// <summary>Negation: the antipode of a unit vector.</summary>
    /// <param name="vector">The vector.</param>
    /// <returns>The negated vector.</returns>
    public static NVector operator -(NVector vector) => new(-vector.X, -vector.Y, -vector.Z);

    /// <summary>Component-wise sum (named alternative to <c>+</c>).</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The sum.</returns>
    public static NVector Add(NVector left, NVector right) => left + right;

    /// <summary>Component-wise difference (named alternative to <c>-</c>).</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>The difference.</returns>
    public static NVector Subtract(NVector left, NVector right) => left - right;

    /// <summary>Scaling (named alternative to <c>*</c>).</summary>
    /// <param name="vector">The vector.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled vector.</returns>
    public static NVector Multiply(NVector vector, double factor) => vector * factor;

    /// <summary>Negation (named alternative to unary <c>-</c>).</summary>
    /// <param name="vector">The vector.</param>
    /// <returns>The negated vector.</returns>
    public static NVector Negate(NVector vector) => -vector;
}
