using Tahaluf.Geometry.Validation;

namespace Tahaluf.Geometry.Formats;

/// <summary>Lengths with a unit code as in ASTM F3548: <c>M</c> (metres) or <c>FT</c> (international feet, 0.3048 m).</summary>
internal static class LengthUnits
{
    /// <summary>Metres in one international foot.</summary>
    public const double MetresPerFoot = 0.3048;

    public static GeometryError? ToMetres(double value, string units, FieldPath field, out double metres)
    {
        switch (units)
        {
            case "M":
                metres = value;
                return null;
            case "FT":
                metres = value * MetresPerFoot;
                return null;
            default:
                metres = double.NaN;
                return new GeometryError(
                    GeometryErrorCodes.UnsupportedUnits,
                    field.ToString(),
                    $"{field} is \"{(units.Length <= 20 ? units : units[..20] + "…")}\"; only \"M\" (metres) and \"FT\" (feet) are supported.");
        }
    }
}
