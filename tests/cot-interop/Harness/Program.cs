using System.Globalization;
using Tahaluf.Cot;
using System.Text.Json;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;
using Tahaluf.Geometry.Volumes;

// Interop harness for tests/cot-interop/interop.test.mjs. One command per line on stdin, one JSON answer per line:
//   parse-xml <base64 xml>      -> the fields the C# reader found
//   parse-proto <base64 TakMessage payload>
//   write <position|polygon|circle>  -> {"xml": ..., "proto": base64 payload}
var time = new DateTimeOffset(2015, 11, 26, 10, 0, 0, TimeSpan.Zero);
string? line;
while ((line = Console.ReadLine()) is not null)
{
    var parts = line.Split(' ', 2);
    object answer = parts[0] switch
    {
        "parse-xml" => Describe(CotXmlReader.Read(Convert.FromBase64String(parts[1]))),
        "parse-proto" => DescribeProto(TakProtobuf.Decode(Convert.FromBase64String(parts[1]))),
        "write" => Write(parts[1]),
        _ => new { error = "unknown command" },
    };
    Console.WriteLine(JsonSerializer.Serialize(answer));
}

return 0;

object Write(string kind)
{
    var e = kind switch
    {
        "position" => new CotEvent("hub-track-1", "a-h-A-M-F", "m-g", time, time, time.AddMinutes(5),
            new CotPoint(35.41, 35.95, 7000.5, 12, 15), new CotDetail { Callsign = "Hub One", CourseDeg = 90.5, SpeedMps = 230.25, Remarks = "from C#" }),
        "polygon" => new CotEvent("hub-zone-1", "u-d-f", "h-e", time, time, time.AddHours(1),
            new CotPoint(35.2, 36.2, 0, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail { Callsign = "Zone", Shape = new CotShape(CotShapeKind.Polygon, [new LatLng(35, 36), new LatLng(35, 36.5), new LatLng(35.5, 36.5), new LatLng(35, 36)]), MinAltitudeM = 0, MaxAltitudeM = 9000 }),
        _ => new CotEvent("hub-circle-1", "u-d-c-c", "h-e", time, time, time.AddHours(1),
            new CotPoint(35.41, 35.95, 0, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail { Callsign = "Ring", Shape = new CotShape(CotShapeKind.Ellipse, [], 40000, 40000, 0) }),
    };
    return new { xml = CotXmlWriter.Write(e), proto = Convert.ToBase64String(TakProtobuf.Encode(new TakMessage(null, e))) };
}

object DescribeProto(CotResult<TakMessage> result) =>
    result.Success && result.Value.Event is { } e ? Describe(CotResult<CotEvent>.Ok(e)) : new { error = result.Error?.ToString() ?? "no event" };

object Describe(CotResult<CotEvent> result)
{
    if (!result.Success)
    {
        return new { error = result.Error.ToString() };
    }

    var e = result.Value;
    var shape = e.Detail.Shape;
    var zone = CotZones.ToVolume(e);
    return new
    {
        uid = e.Uid,
        type = e.Type,
        how = e.How,
        time = e.Time.ToString("O", CultureInfo.InvariantCulture),
        stale = e.Stale.ToString("O", CultureInfo.InvariantCulture),
        lat = e.Point.Lat,
        lon = e.Point.Lon,
        hae = e.Point.Hae,
        callsign = e.Detail.Callsign,
        course = e.Detail.CourseDeg,
        speed = e.Detail.SpeedMps,
        remarks = e.Detail.Remarks,
        shapeKind = shape?.Kind.ToString(),
        vertices = shape?.Vertices.Select(v => new[] { v.Lat, v.Lng }).ToArray(),
        major = shape?.MajorM,
        zone = zone.Success ? zone.Value.Footprint.GetType().Name : null,
    };
}
