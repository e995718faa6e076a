using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Hub.Serialization;
using Tahaluf.Scenarios.Borders;
using Tahaluf.Scenarios.Model;

namespace Tahaluf.Scenarios.Loading;

/// <summary>
/// Reads and validates a scenario file and the files it names: every reference resolved, every declaration
/// read by the hub's own item reader, every generated zone computed. Returns all errors found, each naming the
/// file and field. Stateless and thread-safe.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads a scenario for one track variant.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="variant">The track variant, or null for the file's default.</param>
    /// <returns>The scenario, or the errors.</returns>
    public static (LoadedScenario? Scenario, IReadOnlyList<ScenarioError> Errors) Load(string path, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<ScenarioError>();
        var file = Read<ScenarioFile>(path, errors);
        if (file is null)
        {
            return (null, errors);
        }

        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        void Fail(string code, string field, string message) => errors.Add(new ScenarioError(code, path, field, $"{path}: {field}: {message}"));

        var clock = file.Clock;
        if (clock.End <= clock.Start)
        {
            Fail(ScenarioErrorCodes.InvalidField, "clock.end", "must be after clock.start");
        }

        if (!double.IsFinite(clock.Speed) || clock.Speed <= 0 || clock.Speed > 100_000)
        {
            Fail(ScenarioErrorCodes.InvalidField, "clock.speed", "must be in (0, 100000]");
        }

        var previousEnd = clock.Start;
        for (var i = 0; i < clock.Segments.Count; i++)
        {
            var s = clock.Segments[i];
            if (s.From < previousEnd || s.To <= s.From || s.To > clock.End || s.Speed < 0 || s.Speed > 100_000)
            {
                Fail(ScenarioErrorCodes.InvalidField, $"clock.segments[{I(i)}]", "segments must be in order, inside the clock, from < to, speed in [0, 100000]");
            }

            previousEnd = s.To;
        }

        variant ??= file.DefaultVariant;
        if (variant is not null && !file.Variants.Contains(variant, StringComparer.Ordinal))
        {
            Fail(ScenarioErrorCodes.UnknownReference, "variant", $"'{variant}' is not one of: {string.Join(", ", file.Variants)}");
        }

        var partners = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Partners.Count; i++)
        {
            var p = file.Partners[i];
            var field = $"partners[{I(i)}]";
            if (!partners.Add(p.Id))
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".id", $"'{p.Id}' is declared twice");
            }

            if (!WireNames.TryParse<PartnerRole>(p.Role, out _))
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".role", $"'{p.Role}' must be member or observer");
            }

            if (PartnerValidator.Validate(ToPartner(p)) is { } invalid)
            {
                Fail(ScenarioErrorCodes.InvalidField, field + "." + invalid.Field, invalid.Message);
            }
        }

        void CheckPartner(string id, string field)
        {
            if (!partners.Contains(id))
            {
                Fail(ScenarioErrorCodes.UnknownReference, field, $"partner '{id}' is not declared in partners");
            }
        }

        void CheckTime(DateTimeOffset? at, string field)
        {
            if (at is { } t && (t < clock.Start || t > clock.End))
            {
                Fail(ScenarioErrorCodes.InvalidField, field, $"{t:O} is outside the clock ({clock.Start:O} to {clock.End:O})");
            }
        }

        var agreements = new List<(DateTimeOffset?, Agreement, string?)>();
        for (var i = 0; i < file.Agreements.Count; i++)
        {
            var a = file.Agreements[i];
            var field = $"agreements[{I(i)}]";
            CheckPartner(a.Owner, field + ".owner");
            CheckPartner(a.Recipient, field + ".recipient");
            CheckTime(a.At, field + ".at");
            if (!WireNames.TryParse<ReleaseLevel>(a.Level, out var level))
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".level", $"'{a.Level}' must be none, safety, envelope or full");
            }

            if (a.Kinds.Count == 0)
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".kinds", "at least one kind is required");
            }

            foreach (var k in a.Kinds)
            {
                if (!WireNames.TryParse<ItemKind>(k, out var kind))
                {
                    Fail(ScenarioErrorCodes.InvalidField, field + ".kinds", $"'{k}' must be operation, zone, track or report");
                    continue;
                }

                agreements.Add((a.At, new Agreement(a.Owner, a.Recipient, kind, level), a.Note));
            }
        }

        var declarations = new List<ScheduledDeclaration>();
        for (var i = 0; i < file.Declarations.Count; i++)
        {
            var d = file.Declarations[i];
            var field = $"declarations[{I(i)}]";
            CheckPartner(d.Partner, field + ".partner");
            CheckTime(d.At, field + ".at");
            if (!WireNames.TryParse<ItemKind>(d.Kind, out var kind) || kind == ItemKind.Track)
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".kind", $"'{d.Kind}' must be operation, zone or report");
                continue;
            }

            Declare(d.At ?? clock.Start, d.Partner, kind, d.Id, d.Body, d.Note, field);
        }

        for (var i = 0; i < file.GeneratedZones.Count; i++)
        {
            var g = file.GeneratedZones[i];
            var field = $"generated_zones[{I(i)}]";
            CheckPartner(g.Partner, field + ".partner");
            CheckTime(g.At, field + ".at");
            var body = GenerateZone(g, dir, field, Fail);
            if (body is { } b)
            {
                Declare(g.At ?? clock.Start, g.Partner, ItemKind.Zone, g.Id, b, $"{g.Name} (generated from {g.BordersFile})", field);
            }
        }

        var tracks = new List<TrackScript>();
        for (var i = 0; i < file.Tracks.Count; i++)
        {
            var t = file.Tracks[i];
            var field = $"tracks[{I(i)}]";
            if (t.Variant is not null && !file.Variants.Contains(t.Variant, StringComparer.Ordinal))
            {
                Fail(ScenarioErrorCodes.UnknownReference, field + ".variant", $"'{t.Variant}' is not in variants");
            }

            var trackPath = System.IO.Path.Combine(dir, t.File);
            var script = Read<TrackScript>(trackPath, errors);
            if (script is null)
            {
                continue;
            }

            var trackErrors = ValidateTrack(script, trackPath, partners, clock);
            errors.AddRange(trackErrors);
            if (trackErrors.Count == 0 && (t.Variant is null || t.Variant == variant))
            {
                tracks.Add(script);
            }
        }

        for (var i = 0; i < file.Acks.Count; i++)
        {
            var a = file.Acks[i];
            CheckPartner(a.Partner, $"acks[{I(i)}].partner");
            if (a.Counterpart is not null)
            {
                CheckPartner(a.Counterpart, $"acks[{I(i)}].counterpart");
            }

            if (a.Kind is not ("conflict" or "item"))
            {
                Fail(ScenarioErrorCodes.InvalidField, $"acks[{I(i)}].kind", $"'{a.Kind}' must be conflict or item");
            }

            if (a.AfterS is { } s && (!double.IsFinite(s) || s < 0))
            {
                Fail(ScenarioErrorCodes.InvalidField, $"acks[{I(i)}].after_s", "must be a non-negative number of seconds, or null for never");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new LoadedScenario(path, file, variant, agreements, [.. declarations.OrderBy(d => d.At)], tracks), errors);

        void Declare(DateTimeOffset at, string partner, ItemKind kind, string id, JsonElement body, string? note, string field)
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".body", "must be a JSON object");
                return;
            }

            if (!ItemId.IsValid(id))
            {
                Fail(ScenarioErrorCodes.InvalidField, field + ".id", $"'{id}' is not a valid item id");
                return;
            }

            var parsed = ItemJson.Read(kind, body, id, partner, 1);
            if (!parsed.Success)
            {
                Fail(ScenarioErrorCodes.InvalidDeclaration, field + ".body." + parsed.Error!.Field, $"{id}: {parsed.Error.Message} ({parsed.Error.Code})");
                return;
            }

            declarations.Add(new ScheduledDeclaration(at, partner, kind, id, body.Clone(), note));
        }
    }

    /// <summary>Converts a partner spec (names, role) to a domain partner without a signing key.</summary>
    /// <param name="spec">The spec.</param>
    /// <returns>The partner.</returns>
    public static Partner ToPartner(PartnerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _ = WireNames.TryParse<PartnerRole>(spec.Role, out var role);
        return new Partner(spec.Id, spec.Names.ToImmutableDictionary(StringComparer.Ordinal), role == default ? PartnerRole.Member : role, []);
    }

    private static List<ScenarioError> ValidateTrack(TrackScript script, string path, HashSet<string> partners, ClockSpec clock)
    {
        var errors = new List<ScenarioError>();
        void Fail(string field, string message) => errors.Add(new ScenarioError(ScenarioErrorCodes.InvalidField, path, field, $"{path}: {field}: {message}"));
        if (!partners.Contains(script.Partner))
        {
            errors.Add(new ScenarioError(ScenarioErrorCodes.UnknownReference, path, "partner", $"{path}: partner: '{script.Partner}' is not declared in partners"));
        }

        if (!ItemId.IsValid(script.Id))
        {
            Fail("id", $"'{script.Id}' is not a valid track id");
        }

        if (!WireNames.TryParse<PlatformKind>(script.PlatformKind, out _))
        {
            Fail("platform_kind", $"'{script.PlatformKind}' is not a platform kind");
        }

        if (!double.IsFinite(script.IntervalS) || script.IntervalS < 1 || script.IntervalS > 3600)
        {
            Fail("interval_s", "must be between 1 and 3600 seconds");
        }

        if (script.Waypoints.Count < 2)
        {
            Fail("waypoints", "at least two waypoints are required");
        }

        for (var i = 0; i < script.Waypoints.Count; i++)
        {
            var w = script.Waypoints[i];
            var field = $"waypoints[{I(i)}]";
            if (i > 0 && w.Time <= script.Waypoints[i - 1].Time)
            {
                Fail(field + ".time", "times must increase");
            }

            if (w.Time < clock.Start || w.Time > clock.End)
            {
                Fail(field + ".time", $"{w.Time:O} is outside the clock");
            }

            if (!double.IsFinite(w.Lat) || Math.Abs(w.Lat) > 90 || !double.IsFinite(w.Lng) || Math.Abs(w.Lng) > 180)
            {
                Fail(field, "lat must be in [-90, 90] and lng in [-180, 180]");
            }

            if (w.AltM is null && w.AltFt is null)
            {
                Fail(field, "alt_m or alt_ft is required");
            }
        }

        return errors;
    }

    private static JsonElement? GenerateZone(GeneratedZoneSpec g, string dir, string field, Action<string, string, string> fail)
    {
        var bordersPath = System.IO.Path.Combine(dir, g.BordersFile);
        if (!File.Exists(bordersPath))
        {
            fail(ScenarioErrorCodes.FileNotFound, field + ".borders_file", $"{bordersPath} does not exist");
            return null;
        }

        if (g.MaxVertices is < 16 or > 10_000 || !double.IsFinite(g.BufferNm) || g.BufferNm is < 0 or > 100)
        {
            fail(ScenarioErrorCodes.InvalidField, field, "max_vertices must be in [16, 10000] and buffer_nm in [0, 100]");
            return null;
        }

        TopoJsonCountries countries;
        try
        {
            countries = BorderCache.Get(bordersPath);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            fail(ScenarioErrorCodes.MalformedFile, field + ".borders_file", e.Message);
            return null;
        }

        var (outline, _, error) = BorderZoneBuilder.Build(countries, g.Country, g.Neighbour, g.BufferNm * 1852, g.MaxVertices, new AzimuthalEquidistant(g.ProjectionLat, g.ProjectionLng));
        if (outline is null)
        {
            fail(ScenarioErrorCodes.InvalidField, field, error!);
            return null;
        }

        var json = RecordJson.Json(w =>
        {
            w.WriteString("state", "active");
            w.WriteString("zone_kind", g.ZoneKind);
            if (g.Name is not null)
            {
                w.WriteString("name", g.Name);
            }

            if (g.Label.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("label");
                g.Label.WriteTo(w);
            }

            w.WriteStartArray("volumes");
            w.WriteStartObject();
            w.WriteStartObject("volume");
            w.WriteStartObject("outline_polygon");
            w.WriteStartArray("vertices");
            foreach (var (lat, lng) in outline)
            {
                w.WriteStartObject();
                w.WriteNumber("lat", Math.Round(lat, 6));
                w.WriteNumber("lng", Math.Round(lng, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            Altitude(w, "altitude_lower", g.LowerM);
            Altitude(w, "altitude_upper", g.UpperM);
            w.WriteEndObject();
            w.WriteStartObject("time_start");
            w.WriteString("value", (g.TimeStart ?? g.At ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("format", "RFC3339");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        });
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static void Altitude(Utf8JsonWriter w, string name, double metres)
    {
        w.WriteStartObject(name);
        w.WriteNumber("value", metres);
        w.WriteString("reference", "W84");
        w.WriteString("units", "M");
        w.WriteEndObject();
    }

    private static T? Read<T>(string path, List<ScenarioError> errors)
        where T : class
    {
        if (!File.Exists(path))
        {
            errors.Add(new ScenarioError(ScenarioErrorCodes.FileNotFound, path, null, $"{path}: file not found"));
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, ScenarioJson.Options)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            errors.Add(new ScenarioError(ScenarioErrorCodes.MalformedFile, path, e.Path, $"{path}: {e.Path}: {e.Message}"));
            return null;
        }
    }

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
