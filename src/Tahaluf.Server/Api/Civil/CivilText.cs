using System.Globalization;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Server.Api.Civil;

/// <summary>NOTAM field E text for civil hazards in Arabic, English, French and Russian.</summary>
internal static class CivilText
{
    public static readonly HashSet<string> Languages = new(StringComparer.Ordinal) { "ar", "en", "fr", "ru" };

    private static readonly Dictionary<string, Dictionary<ZoneKind, string>> Kinds = new(StringComparer.Ordinal)
    {
        ["en"] = new() { [ZoneKind.AirDefenceEngagementZone] = "AIR DEFENCE ENGAGEMENT ZONE", [ZoneKind.RestrictedArea] = "RESTRICTED AREA", [ZoneKind.DangerArea] = "DANGER AREA", [ZoneKind.BorderWarningZone] = "BORDER WARNING ZONE", [ZoneKind.Other] = "HAZARD AREA" },
        ["fr"] = new() { [ZoneKind.AirDefenceEngagementZone] = "ZONE D'ENGAGEMENT DE DEFENSE AERIENNE", [ZoneKind.RestrictedArea] = "ZONE REGLEMENTEE", [ZoneKind.DangerArea] = "ZONE DANGEREUSE", [ZoneKind.BorderWarningZone] = "ZONE D'ALERTE FRONTALIERE", [ZoneKind.Other] = "ZONE DE DANGER" },
        ["ru"] = new() { [ZoneKind.AirDefenceEngagementZone] = "ЗОНА ДЕЙСТВИЯ СРЕДСТВ ПВО", [ZoneKind.RestrictedArea] = "ЗОНА ОГРАНИЧЕНИЯ ПОЛЕТОВ", [ZoneKind.DangerArea] = "ОПАСНАЯ ЗОНА", [ZoneKind.BorderWarningZone] = "ПРИГРАНИЧНАЯ ЗОНА ПРЕДУПРЕЖДЕНИЯ", [ZoneKind.Other] = "ЗОНА ОПАСНОСТИ" },
        ["ar"] = new() { [ZoneKind.AirDefenceEngagementZone] = "منطقة اشتباك للدفاع الجوي", [ZoneKind.RestrictedArea] = "منطقة مقيدة", [ZoneKind.DangerArea] = "منطقة خطرة", [ZoneKind.BorderWarningZone] = "منطقة إنذار حدودية", [ZoneKind.Other] = "منطقة خطر" },
    };

    private static readonly Dictionary<string, (string DeclaredBy, string Circle, string Polygon, string Nil)> Phrases = new(StringComparer.Ordinal)
    {
        ["en"] = ("DECLARED BY", "CIRCLE RADIUS {0} KM CENTRED {1}", "AREA {0}", "NIL HAZARDS RELEASED TO CIVIL AVIATION"),
        ["fr"] = ("DECLAREE PAR", "CERCLE DE RAYON {0} KM CENTRE {1}", "ZONE {0}", "AUCUN DANGER PUBLIE POUR L'AVIATION CIVILE"),
        ["ru"] = ("ОБЪЯВЛЕНА", "КРУГ РАДИУСОМ {0} КМ С ЦЕНТРОМ {1}", "РАЙОН {0}", "ОПАСНОСТЕЙ ДЛЯ ГРАЖДАНСКОЙ АВИАЦИИ НЕТ"),
        ["ar"] = ("أعلنتها", "دائرة نصف قطرها {0} كم مركزها {1}", "منطقة {0}", "لا توجد مخاطر معلنة للطيران المدني"),
    };

    public static string Describe(string lang, string owner, ZoneKind kind, Footprint footprint)
    {
        var p = Phrases[lang];
        var where = footprint switch
        {
            CircleFootprint c => string.Format(CultureInfo.InvariantCulture, p.Circle, Math.Round(c.RadiusM / 1000, 1), Position(c.Center)),
            PolygonFootprint poly => string.Format(CultureInfo.InvariantCulture, p.Polygon, string.Join(" ", poly.Vertices.Select(Position))),
            _ => "",
        };
        return $"{Kinds[lang][kind]} {p.DeclaredBy} {owner}. {where}.";
    }

    public static string Nil(string lang) => Phrases[lang].Nil;

    /// <summary>An ICAO-style limit: SFC, or flight level / feet AMSL (from metres above the ellipsoid, approximately).</summary>
    public static string Limit(double metres)
    {
        if (metres <= 0)
        {
            return "SFC";
        }

        var feet = metres / 0.3048;
        return feet >= 18_000
            ? string.Create(CultureInfo.InvariantCulture, $"FL{Math.Round(feet / 100):000}")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(feet / 100) * 100:0}FT AMSL");
    }

    private static string Position(LatLng p)
    {
        static string Part(double value, int degreeDigits, char positive, char negative)
        {
            var abs = Math.Abs(value);
            var degrees = (int)abs;
            var minutes = (int)Math.Round((abs - degrees) * 60);
            if (minutes == 60)
            {
                degrees++;
                minutes = 0;
            }

            return degrees.ToString(new string('0', degreeDigits), CultureInfo.InvariantCulture) + minutes.ToString("00", CultureInfo.InvariantCulture) + (value >= 0 ? positive : negative);
        }

        return Part(p.Lat, 2, 'N', 'S') + Part(p.Lng, 3, 'E', 'W');
    }
}
