using Tahaluf.Cot.Events;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cot.Tests;

internal static class CotSamples
{
    public static readonly DateTimeOffset Time = new(2015, 11, 26, 10, 0, 0, 123, TimeSpan.Zero);

    public static CotEvent Track(string uid = "RU-SU24-1") => new(
        uid, "a-f-A-M-F", "m-g", Time, Time, Time.AddMinutes(2),
        new CotPoint(35.4, 35.95, 6000.5, 10, 20),
        new CotDetail { Callsign = "Fencer 1", Endpoint = "*:-1:stcp", CourseDeg = 271.5, SpeedMps = 220.25, Remarks = "Ω ترحيب <&>" });

    public static CotEvent Polygon() => new(
        "FR-ZONE-1", "u-d-f", "h-e", Time, Time, Time.AddHours(2),
        new CotPoint(35.5, 36.0, 0, CotPoint.Unknown, CotPoint.Unknown),
        new CotDetail
        {
            Shape = new CotShape(CotShapeKind.Polygon, [new LatLng(35.0, 36.0), new LatLng(35.0, 36.5), new LatLng(35.5, 36.5), new LatLng(35.0, 36.0)]),
            MinAltitudeM = 0,
            MaxAltitudeM = 12000,
            Remarks = "restricted",
        });

    public static CotEvent Circle() => new(
        "RU-S400", "u-d-c-c", "h-e", Time, Time, Time.AddDays(1),
        new CotPoint(35.41, 35.95, 0, CotPoint.Unknown, CotPoint.Unknown),
        new CotDetail { Shape = new CotShape(CotShapeKind.Ellipse, [], 400000, 400000, 0) });

    public static string Xml(string body) =>
        "<event version=\"2.0\" uid=\"X-1\" type=\"a-f-A\" how=\"m-g\" time=\"2015-11-26T10:00:00Z\" start=\"2015-11-26T10:00:00Z\" stale=\"2015-11-26T10:05:00Z\">" + body + "</event>";
}
