using Tahaluf.Fuzz.Targets;

namespace Tahaluf.Fuzz;

/// <summary>The fuzz targets by name; the name is also the folder under fuzz/corpus and fuzz/regressions.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("f3548", "F3548Reader.ReadVolume4D(string) with allowOpenEnd false and true, then F3548Writer round trip", VolumeTargets.F3548),
        new("geojson", "GeoJsonReader.ReadFeature(string) with allowOpenEnd false and true, then GeoJsonWriter round trip", VolumeTargets.GeoJson),
        new("declarations", "DeclarationImporter.Read(path): ED-269 UASZoneList, F3548 intents (with deltas) and GeoJSON imports", ImportTargets.Declarations),
        new("cot-xml", "CotXmlReader.Read(UTF-8 bytes), then CotXmlWriter round trip", CotTargets.CotXml),
        new("tak-proto", "TakFraming.TryReadMeshFrame + TakProtobuf.Decode, then TakProtobuf.Encode round trip", CotTargets.TakProto),
        new("tak-stream", "TakStreamBuffer cutting an XML or protobuf stream in chunks, each message decoded", CotTargets.TakStream),
        new("item-json", "ItemJson.Read for operations, zones and reports, then ItemJson.ToUtf8 round trip", HubTargets.ItemJson),
    ];

    public static FuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
