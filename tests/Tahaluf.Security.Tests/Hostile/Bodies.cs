using System.Globalization;
using System.Text;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>Well-formed request bodies and CoT events, timed after <see cref="World.Start"/>.</summary>
internal static class Bodies
{
    public static string Square(double lat, double lng, double sideKm = 10) =>
        Volume(Ring([(lat - sideKm / 222.64, lng - sideKm / 222.64), (lat - sideKm / 222.64, lng + sideKm / 222.64), (lat + sideKm / 222.64, lng + sideKm / 222.64), (lat + sideKm / 222.64, lng - sideKm / 222.64)]));

    public static string Ring(IEnumerable<(double Lat, double Lng)> vertices)
    {
        var sb = new StringBuilder();
        foreach (var (lat, lng) in vertices)
        {
            sb.Append(sb.Length == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"lat\":{lat:R},\"lng\":{lng:R}}}");
        }

        return sb.ToString();
    }

    public static string Volume(string ring)
    {
        var start = Rfc3339(World.Start.AddHours(1));
        var end = Rfc3339(World.Start.AddHours(3));
        return "{\"volume\":{\"outline_polygon\":{\"vertices\":[" + ring + "]},"
            + "\"altitude_lower\":{\"value\":5000,\"reference\":\"W84\",\"units\":\"M\"},\"altitude_upper\":{\"value\":7000,\"reference\":\"W84\",\"units\":\"M\"}},"
            + "\"time_start\":{\"value\":\"" + start + "\",\"format\":\"RFC3339\"},\"time_end\":{\"value\":\"" + end + "\",\"format\":\"RFC3339\"}}";
    }

    public static string Operation(string volume) =>
        "{\"state\":\"active\",\"volumes\":[" + volume + "],\"category\":\"patrol\",\"callsigns\":[\"FALCON1\"],\"aircraft_count\":2}";

    public static string CotPosition(string uid, double lat = 35.85) =>
        $"""<event version="2.0" uid="{uid}" type="a-f-A-M-F" how="m-g" time="{Rfc3339(World.Start)}" start="{Rfc3339(World.Start)}" stale="{Rfc3339(World.Start.AddMinutes(5))}"><point lat="{lat.ToString(CultureInfo.InvariantCulture)}" lon="36.05" hae="5800" ce="10" le="10"/><detail><contact callsign="FALCON1"/><track course="10" speed="220"/></detail></event>""";

    public static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
