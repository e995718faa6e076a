using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Serialization;

namespace Tahaluf.Scenarios.Import;

/// <summary>
/// Reads declarations from files other tools write, detected by shape:
/// <list type="bullet">
/// <item>GeoJSON <c>Feature</c> or <c>FeatureCollection</c> with the <see cref="GeoJsonReader"/> property convention
/// (plus optional <c>id</c>, <c>name</c>, <c>zone_kind</c>, <c>category</c>, <c>state</c>): one item per feature,
/// a zone unless an operation is asked for.</item>
/// <item>ASTM F3548 flight intents as InterUSS uss_qualifier stores them (<c>{"intents": {NAME: {"full"} | {"delta"}}}</c>):
/// one operation per intent, deltas merged into their source the way uss_qualifier does (objects by key, lists
/// element-wise); <c>off_nominal_volumes</c> are not imported.</item>
/// <item>EUROCAE ED-269 (<c>UASZoneList</c>): one zone per UAS zone. Limits must be WGS84 heights: AGL (which needs
/// terrain elevation) and AMSL (which needs a geoid) are refused, naming the zone and the field.</item>
/// </list>
/// Every error names the file, the item and the field. Stateless and thread-safe.
/// </summary>
public static class DeclarationImporter
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">Operation or zone to force a kind (GeoJSON only; F3548 gives operations, ED-269 zones), or null.</param>
    /// <returns>The declarations, or the errors (never both partially: any error fails the file).</returns>
    public static (IReadOnlyList<ImportedDeclaration> Declarations, IReadOnlyList<ScenarioError> Errors) Read(string path, ItemKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return ([], [new ScenarioError(ScenarioErrorCodes.FileNotFound, path, null, $"{path}: file not found")]);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return ([], [new ScenarioError(ScenarioErrorCodes.MalformedFile, path, e.Path, $"{file}: not JSON: {e.Message}")]);
        }

        var context = new Context(path, file);
        if (root is JsonObject o && o["intents"] is JsonObject intents)
        {
            if (kind == ItemKind.Zone)
            {
                context.Fail(null, "--as-zone", "F3548 flight intents become operations, not zones");
            }
            else
            {
                ReadF3548(intents, context);
            }
        }
        else if (root is JsonObject z && z["UASZoneList"] is JsonArray zones)
        {
            if (kind == ItemKind.Operation)
            {
                context.Fail(null, "--as-operation", "ED-269 UAS zones become zones, not operations");
            }
            else
            {
                ReadEd269(zones, Text(z["createdAt"]), context);
            }
        }
        else if (root is JsonObject g && g["type"]?.GetValueKind() == JsonValueKind.String && g["type"]!.GetValue<string>() is "Feature" or "FeatureCollection")
        {
            ReadGeoJson(g, kind ?? ItemKind.Zone, context);
        }
        else
        {
            context.Errors.Add(new ScenarioError(ScenarioErrorCodes.UnknownFormat, path, null,
                $"{file}: not a GeoJSON Feature/FeatureCollection, an F3548 intents file (\"intents\") or an ED-269 file (\"UASZoneList\")"));
        }

        return context.Errors.Count > 0 ? ([], context.Errors) : (context.Declarations, []);
    }

    private static void ReadGeoJson(JsonObject root, ItemKind kind, Context context)
    {
        var features = root["type"]!.GetValue<string>() == "Feature" ? [root] : (root["features"] as JsonArray)?.ToList() ?? [];
        if (features.Count == 0)
        {
            context.Fail(null, "features", "no features");
        }

        for (var i = 0; i < features.Count; i++)
        {
            var field = root["type"]!.GetValue<string>() == "Feature" ? "feature" : $"features[{I(i)}]";
            if (features[i] is not JsonObject feature)
            {
                context.Fail(null, field, "is not an object");
                continue;
            }

            var properties = feature["properties"] as JsonObject;
            var id = Text(feature["id"]) ?? Text(properties?["id"]) ?? $"{Slug(Path.GetFileNameWithoutExtension(context.File))}-{I(i + 1)}";
            using var doc = JsonDocument.Parse(feature.ToJsonString());
            var volume = GeoJsonReader.ReadFeature(doc.RootElement, field, allowOpenEnd: kind == ItemKind.Zone);
            if (!volume.Success)
            {
                context.Fail(id, volume.Error!.Field, $"{volume.Error.Message} ({volume.Error.Code})");
                continue;
            }

            context.Add(kind, id, field, w =>
            {
                if (kind == ItemKind.Zone)
                {
                    w.WriteString("state", Text(properties?["state"]) ?? "active");
                    w.WriteString("zone_kind", Text(properties?["zone_kind"]) ?? "other");
                    w.WriteString("name", Text(properties?["name"]) ?? id);
                }
                else
                {
                    w.WriteString("state", Text(properties?["state"]) ?? "planned");
                    w.WriteString("category", Text(properties?["category"]) ?? "other");
                }

                Volumes(w, [volume.Value!]);
            });
        }
    }

    private static void ReadF3548(JsonObject intents, Context context)
    {
        foreach (var (name, _) in intents)
        {
            var field = $"intents.{name}";
            JsonNode resolved;
            try
            {
                resolved = Resolve(intents, name, 0);
            }
            catch (InvalidDataException e)
            {
                context.Fail(name, field, e.Message);
                continue;
            }

            if ((resolved as JsonObject)?["request"] is not JsonObject request || request["operational_intent"] is not JsonObject intent || intent["volumes"] is not JsonArray volumesJson || volumesJson.Count == 0)
            {
                context.Fail(name, field + ".request.operational_intent.volumes", "missing or empty");
                continue;
            }

            var volumes = new List<Volume4D>();
            for (var v = 0; v < volumesJson.Count; v++)
            {
                var vf = $"{field}.request.operational_intent.volumes[{I(v)}]";
                var parsed = F3548Reader.ReadVolume4D(volumesJson[v]?.ToJsonString() ?? "null", vf);
                if (parsed.Success)
                {
                    volumes.Add(parsed.Value!);
                }
                else
                {
                    context.Fail(name, parsed.Error!.Field, $"{parsed.Error.Message} ({parsed.Error.Code})");
                }
            }

            if (volumes.Count != volumesJson.Count)
            {
                continue;
            }

            var state = Text(intent["state"]) switch
            {
                "Activated" or "Nonconforming" or "Contingent" => "active",
                _ => "planned",
            };
            context.Add(ItemKind.Operation, Slug(name), field, w =>
            {
                w.WriteString("state", state);
                w.WriteString("category", "other");
                w.WriteString("remarks", $"Imported from F3548 intent {name} (state {Text(intent["state"]) ?? "unknown"}); off-nominal volumes not imported.");
                Volumes(w, volumes);
            });
        }
    }

    private static JsonNode Resolve(JsonObject intents, string name, int depth)
    {
        if (depth > 16 || intents[name] is not JsonObject entry)
        {
            throw new InvalidDataException(depth > 16 ? "delta chain too deep or circular" : $"unknown source intent '{name}'");
        }

        if (entry["full"] is { } full)
        {
            return full.DeepClone();
        }

        if (entry["delta"] is not JsonObject delta || Text(delta["source"]) is not { } source || delta["mutation"] is not { } mutation)
        {
            throw new InvalidDataException("neither 'full' nor 'delta' with 'source' and 'mutation'");
        }

        return Merge(Resolve(intents, source, depth + 1), mutation);
    }

    private static JsonNode Merge(JsonNode target, JsonNode patch)
    {
        switch (target, patch)
        {
            case (JsonObject t, JsonObject p):
                foreach (var (key, value) in p.ToList())
                {
                    t[key] = t[key] is { } existing && value is not null ? Merge(existing.DeepClone(), value) : value?.DeepClone();
                }

                return t;
            case (JsonArray t, JsonArray p):
                for (var i = 0; i < p.Count; i++)
                {
                    if (i < t.Count && t[i] is { } existing && p[i] is { } value)
                    {
                        t[i] = Merge(existing.DeepClone(), value);
                    }
                    else if (i >= t.Count)
                    {
                        t.Add(p[i]?.DeepClone());
                    }
                }

                return t;
            default:
                return patch.DeepClone();
        }
    }

    private static void ReadEd269(JsonArray zones, string? createdAt, Context context)
    {
        for (var i = 0; i < zones.Count; i++)
        {
            var field = $"UASZoneList[{I(i)}]";
            if (zones[i] is not JsonObject zone)
            {
                context.Fail(null, field, "is not an object");
                continue;
            }

            var identifier = Text(zone["identifier"]) ?? $"zone-{I(i + 1)}";
            var start = zone["applicability"] is JsonArray { Count: > 0 } ap ? Text((ap[0] as JsonObject)?["startDateTime"]) : null;
            var end = zone["applicability"] is JsonArray { Count: > 0 } ap2 ? Text((ap2[0] as JsonObject)?["endDateTime"]) : null;
            start ??= createdAt;
            if (start is null || !DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
            {
                context.Fail(identifier, field + ".applicability[0].startDateTime", "no usable start time (nor createdAt)");
                continue;
            }

            DateTimeOffset? until = end is not null && DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : null;
            var geometries = zone["geometry"] as JsonArray ?? [];
            var volumes = new List<Volume4D>();
            var failed = geometries.Count == 0;
            if (failed)
            {
                context.Fail(identifier, field + ".geometry", "no geometry");
            }

            for (var g = 0; g < geometries.Count; g++)
            {
                var gf = $"{field}.geometry[{I(g)}]";
                if (Ed269Volume(geometries[g] as JsonObject, gf, identifier, from, until, context) is { } volume)
                {
                    volumes.Add(volume);
                }
                else
                {
                    failed = true;
                }
            }

            if (failed)
            {
                continue;
            }

            var zoneKind = Text(zone["restriction"]) switch
            {
                "PROHIBITED" or "REQ_AUTHORISATION" => "restricted_area",
                "CONDITIONAL" => "danger_area",
                _ => "other",
            };
            context.Add(ItemKind.Zone, Slug(identifier), field, w =>
            {
                w.WriteString("state", "active");
                w.WriteString("zone_kind", zoneKind);
                w.WriteString("name", Text(zone["name"]) ?? identifier);
                Volumes(w, volumes);
            });
        }
    }

    private static Volume4D? Ed269Volume(JsonObject? g, string field, string zone, DateTimeOffset from, DateTimeOffset? until, Context context)
    {
        if (g is null)
        {
            context.Fail(zone, field, "is not an object");
            return null;
        }

        var ok = true;
        foreach (var which in new[] { "lower", "upper" })
        {
            var reference = Text(g[which + "VerticalReference"]);
            if (reference is not "WGS84")
            {
                context.Errors.Add(new ScenarioError(ScenarioErrorCodes.UnsupportedAltitudeReference, context.Path, $"{field}.{which}VerticalReference",
                    $"{context.File}: zone {zone}: {field}.{which}VerticalReference is {reference ?? "missing"}: "
                    + (reference == "AGL" ? "AGL limits need terrain elevation, which Tahaluf does not have; " : reference == "AMSL" ? "AMSL limits need a geoid model, which Tahaluf does not have; " : "")
                    + "give the limit as a WGS84 height"));
                ok = false;
            }
        }

        var factor = Text(g["uomDimensions"]) switch { "M" => 1.0, "FT" => 0.3048, _ => double.NaN };
        if (double.IsNaN(factor))
        {
            context.Fail(zone, field + ".uomDimensions", "must be M or FT");
            ok = false;
        }

        double? Limit(string name)
        {
            var text = g[name] is JsonValue v ? v.ToString() : null;
            return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x * factor : null;
        }

        var lower = Limit("lowerLimit");
        var upper = Limit("upperLimit");
        if (ok && (lower is null || upper is null))
        {
            context.Fail(zone, field + (lower is null ? ".lowerLimit" : ".upperLimit"), "must be a number (an unlimited zone needs an explicit upper limit)");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = g["horizontalProjection"]?.DeepClone(),
            ["properties"] = new JsonObject
            {
                ["altitude_lower_m"] = lower,
                ["altitude_upper_m"] = upper,
                ["time_start"] = RecordJson.Rfc3339(from),
                ["time_end"] = until is { } u ? RecordJson.Rfc3339(u) : null,
            },
        };
        var parsed = GeoJsonReader.ReadFeature(feature.ToJsonString(), field + ".horizontalProjection", allowOpenEnd: true);
        if (!parsed.Success)
        {
            context.Fail(zone, parsed.Error!.Field, $"{parsed.Error.Message} ({parsed.Error.Code})");
            return null;
        }

        return parsed.Value;
    }

    private static void Volumes(Utf8JsonWriter w, IEnumerable<Volume4D> volumes)
    {
        w.WriteStartArray("volumes");
        foreach (var v in volumes)
        {
            F3548Writer.WriteVolume4D(w, v);
        }

        w.WriteEndArray();
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>An item id from free text: letters, digits, '.', '_', '~', '-' kept, anything else '-', at most 64 characters.</summary>
    private static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-' ? c : '-');
        }

        var s = sb.ToString();
        return s.Length == 0 ? "item" : s[..Math.Min(s.Length, 64)];
    }

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

    private sealed class Context(string path, string file)
    {
        public string Path { get; } = path;

        public string File { get; } = file;

        public List<ScenarioError> Errors { get; } = [];

        public List<ImportedDeclaration> Declarations { get; } = [];

        public void Fail(string? item, string? field, string message) =>
            Errors.Add(new ScenarioError(ScenarioErrorCodes.InvalidField, Path, field, $"{File}: {(item is null ? "" : $"item {item}: ")}{field}: {message}"));

        public void Add(ItemKind kind, string id, string source, Action<Utf8JsonWriter> members)
        {
            using var doc = JsonDocument.Parse(RecordJson.Json(members));
            var body = doc.RootElement.Clone();
            var check = ItemJson.Read(kind, body, id, "IMPORT", 1);
            if (!check.Success)
            {
                Fail(id, source + "." + check.Error!.Field, $"{check.Error.Message} ({check.Error.Code})");
                return;
            }

            Declarations.Add(new ImportedDeclaration(kind, id, body, source));
        }
    }
}
