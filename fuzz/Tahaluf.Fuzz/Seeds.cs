using System.Text;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Fuzz;

/// <summary>
/// Writes the binary seeds (protobuf messages and framed streams), which are easier to generate with the
/// library's own writers than to write by hand. The text seeds are hand-written files in fuzz/corpus.
/// </summary>
internal static class Seeds
{
    private static readonly DateTimeOffset Time = new(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static void Write(string corpusRoot)
    {
        var track = new CotEvent(
            "FR-RAFALE-1", "a-f-A-M-F", "m-g", Time, Time, Time.AddMinutes(2),
            new CotPoint(35.4, 35.95, 6000.5, 10, 20),
            new CotDetail { Callsign = "Rafale 1", CourseDeg = 271.5, SpeedMps = 220.25, Remarks = "seed" });
        var zone = new CotEvent(
            "TR-ZONE-7", "u-d-f", "h-e", Time, Time, Time.AddHours(2),
            new CotPoint(36.0, 36.1, 0, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail
            {
                Shape = new CotShape(CotShapeKind.Polygon, [new LatLng(36.0, 36.0), new LatLng(36.0, 36.2), new LatLng(36.2, 36.2), new LatLng(36.0, 36.0)]),
                MinAltitudeM = 0,
                MaxAltitudeM = 9000,
            });
        var circle = new CotEvent(
            "RU-S400-2", "u-d-c-c", "h-e", Time, Time, Time.AddDays(1),
            new CotPoint(35.41, 35.95, 0, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail { Shape = new CotShape(CotShapeKind.Ellipse, [], 40000, 40000, 0) });

        var proto = Path.Combine(corpusRoot, "tak-proto");
        Directory.CreateDirectory(proto);
        var trackBytes = TakProtobuf.Encode(new TakMessage(null, track));
        var zoneBytes = TakProtobuf.Encode(new TakMessage(null, zone));
        var controlBytes = TakProtobuf.Encode(new TakMessage(new TakControl(1, 1, "ANDROID-1"), null));
        File.WriteAllBytes(Path.Combine(proto, "gen-track.bin"), trackBytes);
        File.WriteAllBytes(Path.Combine(proto, "gen-zone-polygon.bin"), zoneBytes);
        File.WriteAllBytes(Path.Combine(proto, "gen-circle.bin"), TakProtobuf.Encode(new TakMessage(null, circle)));
        File.WriteAllBytes(Path.Combine(proto, "gen-control.bin"), controlBytes);
        File.WriteAllBytes(Path.Combine(proto, "gen-mesh-track.bin"), TakFraming.MeshFrame(trackBytes));
        File.WriteAllBytes(Path.Combine(proto, "gen-truncated.bin"), trackBytes[..(trackBytes.Length / 2)]);

        var xml = Path.Combine(corpusRoot, "cot-xml");
        Directory.CreateDirectory(xml);
        File.WriteAllBytes(Path.Combine(xml, "gen-track.xml"), CotXmlWriter.WriteUtf8(track));
        File.WriteAllBytes(Path.Combine(xml, "gen-zone-polygon.xml"), CotXmlWriter.WriteUtf8(zone));
        File.WriteAllBytes(Path.Combine(xml, "gen-circle.xml"), CotXmlWriter.WriteUtf8(circle));

        var stream = Path.Combine(corpusRoot, "tak-stream");
        Directory.CreateDirectory(stream);

        // Control byte: bit 0 protobuf, bit 1 switch after the first XML event, bits 2-7 chunk size - 1.
        var xmlTrack = CotXmlWriter.WriteUtf8(track);
        var xmlZone = CotXmlWriter.WriteUtf8(zone);
        File.WriteAllBytes(Path.Combine(stream, "gen-xml-two-events.bin"), [(byte)(7 << 2), .. xmlTrack, (byte)'\n', .. xmlZone]);
        File.WriteAllBytes(Path.Combine(stream, "gen-proto-frames.bin"),
            [(byte)((13 << 2) | 1), .. TakFraming.StreamFrame(trackBytes), .. TakFraming.StreamFrame(controlBytes), .. TakFraming.StreamFrame(zoneBytes)]);
        var request = CotXmlWriter.WriteUtf8(TakNegotiation.Request(Time, "ANDROID-1"));
        File.WriteAllBytes(Path.Combine(stream, "gen-negotiate-then-proto.bin"),
            [(byte)((63 << 2) | 2), .. request, .. TakFraming.StreamFrame(trackBytes)]);
        File.WriteAllBytes(Path.Combine(stream, "gen-proto-oversized.bin"), [1, TakFraming.Magic, 0xFF, 0xFF, 0x03, .. "abc"u8]);
        File.WriteAllBytes(Path.Combine(stream, "gen-xml-garbage.bin"), [(byte)(3 << 2), .. "  \n\0<event></ev"u8, .. Encoding.ASCII.GetBytes("ent>junk")]);
    }
}
