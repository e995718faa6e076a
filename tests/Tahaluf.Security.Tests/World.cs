using System.Globalization;
using System.Text;

namespace Tahaluf.Security.Tests;

/// <summary>Release levels as the oracle reads the architecture (lowest first), independent of the domain enum.</summary>
internal enum Lvl
{
    None = 0,
    Safety = 1,
    Envelope = 2,
    Full = 3,
}

/// <summary>A partner of a world.</summary>
internal sealed record PartnerSpec(string Id, bool Observer);

/// <summary>An item's own marking: null list = no list.</summary>
internal sealed record LabelSpec(IReadOnlyList<string>? ReleasableTo, bool Civil, string? Caveat);

/// <summary>A planted unique string and what releases it.</summary>
/// <param name="Text">The exact text searched for in every output byte.</param>
/// <param name="Field">Human description of the field.</param>
/// <param name="Item">The item that declares it.</param>
/// <param name="Version">Version index (0-based) that declares it.</param>
/// <param name="Need">Level that releases it.</param>
/// <param name="Geometry">True for coordinates, altitudes, radii and times (the safety override may reveal them to conflict parties).</param>
/// <param name="Value">
/// For numbers (coordinates, altitudes, radii): the planted value. <paramref name="Text"/> is then only a prefix of
/// its digits, so a number the hub derives (an encounter box, a predicted position) may start with the same digits;
/// the oracle counts an occurrence only when the whole number printed there is this value (see <see cref="Oracle"/>).
/// </param>
internal sealed record Canary(string Text, string Field, ItemSpec Item, int Version, Lvl Need, bool Geometry, double? Value = null);

/// <summary>One declared version of an item.</summary>
internal sealed class VersionSpec
{
    public required LabelSpec Label { get; init; }

    /// <summary>The PUT body (operations, zones, reports), null for tracks.</summary>
    public string? Json { get; init; }

    /// <summary>A full-level canary that this version shows (positive check).</summary>
    public string? FullMarker { get; init; }

    /// <summary>The zone state declared, for the civil oracle.</summary>
    public string State { get; init; } = "active";

    public bool Civil => Label.Civil;
}

/// <summary>A track position report.</summary>
internal sealed record TrackPos(DateTimeOffset Time, double Lat, double Lng, double AltitudeM, double CourseDeg, double SpeedMps);

/// <summary>A declared thing of a world.</summary>
internal sealed class ItemSpec
{
    public required string Kind { get; init; }

    public required string Id { get; init; }

    public required string Owner { get; init; }

    public List<VersionSpec> Versions { get; } = [];

    public bool Withdrawn { get; set; }

    /// <summary>Tracks only: position reports, and callsign.</summary>
    public List<TrackPos> Positions { get; } = [];

    public string? Callsign { get; init; }

    /// <summary>Zones only: the anchoring track id.</summary>
    public string? Anchor { get; init; }

    public override string ToString() => $"{Kind} {Id} of {Owner}";
}

/// <summary>
/// A random world: partners (some observers), agreements per owner/recipient/kind, and items whose every field
/// carries a unique canary, clustered in space, altitude and time so that conflicts really happen.
/// </summary>
internal sealed class World
{
    public static readonly DateTimeOffset Start = new(2015, 11, 24, 6, 0, 0, TimeSpan.Zero);
    public static readonly string[] Kinds = ["operation", "zone", "report", "track"];
    private readonly Random _rng;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTails = new(StringComparer.Ordinal);

    private World(int seed, bool trackLabels)
    {
        Seed = seed;
        _rng = new Random(seed);
        TrackLabels = trackLabels;
    }

    public int Seed { get; }

    public bool TrackLabels { get; }

    public List<PartnerSpec> Partners { get; } = [];

    public Dictionary<(string Owner, string Recipient, string Kind), Lvl> Agreements { get; } = [];

    public List<ItemSpec> Items { get; } = [];

    public List<Canary> Canaries { get; } = [];

    /// <summary>Fraction of its conflict notifications each member acknowledges before the deadline.</summary>
    public double AckShare { get; private set; }

    public IEnumerable<PartnerSpec> Members => Partners.Where(p => !p.Observer);

    public Lvl Agreement(string owner, string recipient, string kind) =>
        Agreements.TryGetValue((owner, recipient, kind), out var l) ? l : Lvl.None;

    /// <summary>The oracle's own reading of the release rule for one version of an item.</summary>
    public Lvl Level(string viewer, ItemSpec item, int version)
    {
        if (viewer == item.Owner)
        {
            return Lvl.Full;
        }

        var granted = Agreement(item.Owner, viewer, item.Kind);
        var label = item.Versions[version].Label;
        return label.ReleasableTo is { } list && !list.Contains(viewer) && granted > Lvl.Safety ? Lvl.Safety : granted;
    }

    public Lvl CurrentLevel(string viewer, ItemSpec item) => Level(viewer, item, item.Versions.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"world seed={Seed} partners=[{string.Join(",", Partners.Select(p => p.Id + (p.Observer ? "(obs)" : "")))}] ");
        text.Append(CultureInfo.InvariantCulture, $"items={Items.Count} (replay: World.Generate({Seed}, trackLabels: {(TrackLabels ? "true" : "false")}))");
        return text.ToString();
    }

    public static World Generate(int seed, bool trackLabels = true)
    {
        var w = new World(seed, trackLabels);
        w.Build();
        return w;
    }

    private void Build()
    {
        var count = _rng.Next(2, 6);
        for (var i = 0; i < count; i++)
        {
            // At least two members so that conflicts between owners can happen.
            Partners.Add(new PartnerSpec("P" + i.ToString(CultureInfo.InvariantCulture), i >= 2 && _rng.NextDouble() < 0.35));
        }

        AckShare = _rng.NextDouble();
        foreach (var o in Partners)
        {
            foreach (var r in Partners.Where(r => r != o))
            {
                foreach (var kind in Kinds)
                {
                    var level = (Lvl)_rng.Next(0, 4);
                    if (level != Lvl.None || _rng.NextDouble() < 0.3)
                    {
                        Agreements[(o.Id, r.Id, kind)] = level;
                    }
                }
            }
        }

        foreach (var owner in Members.ToList())
        {
            var tracks = new List<ItemSpec>();
            for (var i = _rng.Next(0, 3); i > 0; i--)
            {
                tracks.Add(NewTrack(owner.Id));
            }

            for (var i = _rng.Next(0, 4); i > 0; i--)
            {
                NewOperation(owner.Id);
            }

            for (var i = _rng.Next(0, 3); i > 0; i--)
            {
                NewZone(owner.Id, tracks.Count > 0 && _rng.NextDouble() < 0.3 ? tracks[_rng.Next(tracks.Count)] : null);
            }

            for (var i = _rng.Next(0, 3); i > 0; i--)
            {
                NewReport(owner.Id);
            }
        }

        // Later versions: new label, new free text, sometimes new geometry; some items withdrawn.
        foreach (var item in Items.Where(i => i.Kind != "track").ToList())
        {
            if (_rng.NextDouble() < 0.3)
            {
                AddVersion(item);
            }

            if (item.Kind != "report" && _rng.NextDouble() < 0.15)
            {
                item.Withdrawn = true;
            }
        }
    }

    private string Token(string prefix)
    {
        while (true)
        {
            var t = prefix + "kw" + _rng.NextInt64(0x1000000000, 0xFFFFFFFFFF).ToString("x10", CultureInfo.InvariantCulture);
            if (_used.Add(t))
            {
                return t;
            }
        }
    }

    private void Plant(string text, string field, ItemSpec item, Lvl need, bool geometry = false, double? value = null) =>
        Canaries.Add(new Canary(text, field, item, item.Versions.Count - 1, need, geometry, value));

    private LabelSpec NewLabel(ItemSpec item, bool zone)
    {
        if (_rng.NextDouble() < 0.45)
        {
            return new LabelSpec(null, false, null);
        }

        IReadOnlyList<string>? list = null;
        if (_rng.NextDouble() < 0.6)
        {
            list = [.. Partners.Where(p => p.Id != item.Owner && _rng.NextDouble() < 0.5).Select(p => p.Id)];
        }

        var caveat = _rng.NextDouble() < 0.7 ? Token("caveat-") : null;
        return new LabelSpec(list, zone && _rng.NextDouble() < 0.5, caveat);
    }

    /// <summary>A coordinate near <paramref name="approx"/> whose first 6 decimals are unique in the world and print the same rounded or truncated.</summary>
    private (double Value, string Canary) Coord(double approx)
    {
        while (true)
        {
            var whole = Math.Round(approx, 3, MidpointRounding.ToZero);
            var text = whole.ToString("F3", CultureInfo.InvariantCulture)
                + _rng.Next(100, 1000).ToString(CultureInfo.InvariantCulture)
                + _rng.Next(0, 5).ToString(CultureInfo.InvariantCulture)
                + _rng.Next(10, 100).ToString(CultureInfo.InvariantCulture);
            var canary = text[..(text.IndexOf('.', StringComparison.Ordinal) + 7)];

            // The random tail (the digits after the third decimal) is unique in the world too: the hub derives
            // numbers such as a predicted encounter's box edges (a track position ± 0.01°) that keep a planted
            // coordinate's tail, and two coordinates sharing a tail made such a number match the wrong canary.
            var tail = text[(text.IndexOf('.', StringComparison.Ordinal) + 4)..];
            if (!_usedTails.Contains(tail) && _used.Add(canary))
            {
                _usedTails.Add(tail);
                return (double.Parse(text, CultureInfo.InvariantCulture), canary);
            }
        }
    }

    private (double Value, string Canary) Altitude(double low, double high)
    {
        while (true)
        {
            var text = _rng.Next((int)low, (int)high).ToString(CultureInfo.InvariantCulture) + "." + _rng.Next(1000, 10000).ToString(CultureInfo.InvariantCulture).TrimEnd('0');
            if (text.EndsWith('.'))
            {
                continue;
            }

            if (_used.Add(text))
            {
                return (double.Parse(text, CultureInfo.InvariantCulture), text);
            }
        }
    }

    private (DateTimeOffset Value, string Canary) Time(int fromMin, int toMin)
    {
        while (true)
        {
            var t = Start.AddMinutes(_rng.Next(fromMin, toMin)).AddSeconds(_rng.Next(1, 60));
            var canary = "T" + t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

            // Hub-made times (clock, notifications, deadlines) lie in 06:00:00–06:10:00; keep canaries apart from them.
            if (t > Start.AddMinutes(-5) && t < Start.AddMinutes(15))
            {
                continue;
            }

            if (_used.Add(canary))
            {
                return (t, canary);
            }
        }
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Rfc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private const double Lat0 = 35.5;
    private const double Lng0 = 36.1;

    private double Near(double centre, double spread) => centre + ((_rng.NextDouble() * 2) - 1) * spread;

    /// <summary>An F3548 Volume4D with every number a canary; polygon unless a circle is asked for.</summary>
    private string Volume(ItemSpec item, bool circle, bool liveNow, bool openEnd, (double Lat, double Lng)? at = null)
    {
        var (cLat, cLng) = at ?? (Near(Lat0, 0.06), Near(Lng0, 0.06));
        string footprint;
        if (circle)
        {
            var lat = Coord(cLat);
            var lng = Coord(cLng);
            var radius = Altitude(3000, 9000);
            Plant(lat.Canary, "circle centre lat", item, Lvl.Envelope, true, lat.Value);
            Plant(lng.Canary, "circle centre lng", item, Lvl.Envelope, true, lng.Value);
            Plant(radius.Canary, "radius", item, Lvl.Envelope, true, radius.Value);
            footprint = "\"outline_circle\":{\"center\":{\"lat\":" + F(lat.Value) + ",\"lng\":" + F(lng.Value) + "},\"radius\":{\"value\":" + F(radius.Value) + ",\"units\":\"M\"}}";
        }
        else
        {
            var half = 0.015 + (_rng.NextDouble() * 0.04);
            var corners = new[] { (-1, -1), (-1, 1), (1, 1), (1, -1) };
            var vertices = new List<string>();
            foreach (var (dy, dx) in corners)
            {
                var lat = Coord(cLat + (dy * half));
                var lng = Coord(cLng + (dx * half));
                Plant(lat.Canary, "vertex lat", item, Lvl.Envelope, true, lat.Value);
                Plant(lng.Canary, "vertex lng", item, Lvl.Envelope, true, lng.Value);
                vertices.Add($$"""{"lat":{{F(lat.Value)}},"lng":{{F(lng.Value)}}}""");
            }

            footprint = "\"outline_polygon\":{\"vertices\":[" + string.Join(",", vertices) + "]}";
        }

        var lower = Altitude(4000, 5200);
        var upper = Altitude(lower.Value + 600, lower.Value + 2500);
        Plant(lower.Canary, "altitude lower", item, Lvl.Envelope, true, lower.Value);
        Plant(upper.Canary, "altitude upper", item, Lvl.Envelope, true, upper.Value);
        var start = liveNow ? Time(-100, -10) : Time(20, 200);
        Plant(start.Canary, "time start", item, Lvl.Envelope, true);
        string end;
        if (openEnd)
        {
            end = "";
        }
        else
        {
            var e = Time((int)(start.Value - Start).TotalMinutes + 30, (int)(start.Value - Start).TotalMinutes + 240);
            Plant(e.Canary, "time end", item, Lvl.Envelope, true);
            end = $$""","time_end":{"value":"{{Rfc(e.Value)}}","format":"RFC3339"}""";
        }

        return "{\"volume\":{" + footprint + ",\"altitude_lower\":{\"value\":" + F(lower.Value) + ",\"reference\":\"W84\",\"units\":\"M\"},\"altitude_upper\":{\"value\":" + F(upper.Value) + ",\"reference\":\"W84\",\"units\":\"M\"}},\"time_start\":{\"value\":\"" + Rfc(start.Value) + "\",\"format\":\"RFC3339\"}" + end + "}";
    }

    private static string LabelJson(LabelSpec l)
    {
        var list = l.ReleasableTo is null ? "null" : "[" + string.Join(",", l.ReleasableTo.Select(p => "\"" + p + "\"")) + "]";
        var caveat = l.Caveat is null ? "null" : "\"" + l.Caveat + "\"";
        return $$""","label":{"releasable_to":{{list}},"civil":{{(l.Civil ? "true" : "false")}},"caveat":{{caveat}}}""";
    }

    private ItemSpec NewItem(string kind, string owner)
    {
        var item = new ItemSpec { Kind = kind, Id = Token(kind[..2] + "-"), Owner = owner };
        Items.Add(item);
        return item;
    }

    private void NewOperation(string owner) => OperationVersion(NewItem("operation", owner), _rng.NextDouble() < 0.6 ? "active" : "planned", null);

    private void OperationVersion(ItemSpec item, string state, string? keepVolumes)
    {
        var label = NewLabel(item, zone: false);
        var remarks = Token("remarks-");
        var callsigns = new[] { Token("CS-").ToUpperInvariant(), Token("CS-").ToUpperInvariant() };
        var volumesPlaceholder = keepVolumes;
        item.Versions.Add(new VersionSpec { Label = label, State = state, FullMarker = remarks, Json = "" });
        Plant(item.Id, "id", item, Lvl.Envelope);
        Plant(remarks, "remarks", item, Lvl.Full);
        foreach (var c in callsigns)
        {
            Plant(c, "callsign", item, Lvl.Full);
        }

        if (label.Caveat is not null)
        {
            Plant(label.Caveat, "caveat", item, Lvl.Full);
        }

        volumesPlaceholder ??= string.Join(",", Enumerable.Range(0, _rng.Next(1, 3)).Select(_ => Volume(item, circle: _rng.NextDouble() < 0.3, liveNow: false, openEnd: false)));
        var json = $$"""{"state":"{{state}}","volumes":[{{volumesPlaceholder}}],"category":"patrol","callsigns":["{{callsigns[0]}}","{{callsigns[1]}}"],"aircraft_count":3,"remarks":"{{remarks}}"{{LabelJson(label)}}""" + "}";
        item.Versions[^1] = new VersionSpec { Label = label, State = state, FullMarker = remarks, Json = json };
        _volumes[item] = volumesPlaceholder;
    }

    private readonly Dictionary<ItemSpec, string> _volumes = [];

    private void NewZone(string owner, ItemSpec? anchor)
    {
        var item = new ItemSpec { Kind = "zone", Id = Token("zo-"), Owner = owner, Anchor = anchor?.Id };
        Items.Add(item);
        ZoneVersion(item, null);
    }

    private void ZoneVersion(ItemSpec item, string? keepVolumes)
    {
        var label = NewLabel(item, zone: true);
        var name = Token("name-");
        item.Versions.Add(new VersionSpec { Label = label, State = "active", FullMarker = name });
        Plant(item.Id, "id", item, Lvl.Envelope);
        Plant(name, "name", item, Lvl.Full);
        if (label.Caveat is not null)
        {
            Plant(label.Caveat, "caveat", item, Lvl.Full);
        }

        if (item.Anchor is not null)
        {
            Plant(item.Anchor, "anchor_track_id", item, Lvl.Full);
        }

        var live = _rng.NextDouble() < 0.6;
        keepVolumes ??= Volume(item, circle: item.Anchor is not null || _rng.NextDouble() < 0.4, liveNow: live, openEnd: live && _rng.NextDouble() < 0.5);
        var anchor = item.Anchor is null ? "" : $$""","anchor_track_id":"{{item.Anchor}}" """;
        var json = $$"""{"state":"active","zone_kind":"air_defence_engagement_zone","name":"{{name}}"{{anchor}},"volumes":[{{keepVolumes}}]{{LabelJson(label)}}""" + "}";
        item.Versions[^1] = new VersionSpec { Label = label, State = "active", FullMarker = name, Json = json };
        _volumes[item] = keepVolumes;
    }

    private void NewReport(string owner) => ReportVersion(NewItem("report", owner));

    private void ReportVersion(ItemSpec item)
    {
        var label = NewLabel(item, zone: false);
        var text = Token("text-");
        item.Versions.Add(new VersionSpec { Label = label, FullMarker = text });
        Plant(item.Id, "id", item, Lvl.Envelope);
        Plant(text, "text", item, Lvl.Full);
        if (label.Caveat is not null)
        {
            Plant(label.Caveat, "caveat", item, Lvl.Full);
        }

        var geometry = _rng.NextDouble() < 0.5 ? "" : ",\"geometry\":" + Volume(item, circle: false, liveNow: false, openEnd: false);
        var json = $$"""{"text":"{{text}}","language":"en"{{geometry}}{{LabelJson(label)}}""" + "}";
        item.Versions[^1] = new VersionSpec { Label = label, FullMarker = text, Json = json };
    }

    private ItemSpec NewTrack(string owner)
    {
        var item = new ItemSpec { Kind = "track", Id = Token("tr-"), Owner = owner, Callsign = Token("TC-").ToUpperInvariant() };
        Items.Add(item);
        var label = TrackLabels ? NewLabel(item, zone: false) : new LabelSpec(null, false, null);
        item.Versions.Add(new VersionSpec { Label = label, FullMarker = item.Callsign });
        Plant(item.Id, "id", item, Lvl.Envelope);
        Plant(item.Callsign!, "callsign", item, Lvl.Full);
        if (label.Caveat is not null)
        {
            Plant(label.Caveat, "caveat", item, Lvl.Full);
        }

        var (lat0, lng0) = (Near(Lat0, 0.03), Near(Lng0, 0.03));
        for (var i = 0; i < 2; i++)
        {
            var lat = Coord(lat0 + (i * 0.002));
            var lng = Coord(lng0 + (i * 0.002));
            var alt = Altitude(5000, 5400);
            Plant(lat.Canary, "track lat", item, Lvl.Envelope, true, lat.Value);
            Plant(lng.Canary, "track lng", item, Lvl.Envelope, true, lng.Value);
            Plant(alt.Canary, "track altitude", item, Lvl.Envelope, true, alt.Value);
            item.Positions.Add(new TrackPos(Start.AddSeconds(-10 + (i * 5)), lat.Value, lng.Value, alt.Value, _rng.Next(0, 360), _rng.Next(0, 40)));
        }

        return item;
    }

    private void AddVersion(ItemSpec item)
    {
        var keep = _rng.NextDouble() < 0.5 && _volumes.TryGetValue(item, out var v) ? v : null;
        switch (item.Kind)
        {
            case "operation":
                OperationVersion(item, item.Versions[^1].State, keep);
                break;
            case "zone":
                ZoneVersion(item, keep);
                break;
            case "report":
                ReportVersion(item);
                break;
        }

        if (keep is not null)
        {
            // Same geometry: the canaries are declared again by the new version.
            foreach (var c in Canaries.Where(c => c.Item == item && c.Geometry && c.Version == item.Versions.Count - 2).ToList())
            {
                Canaries.Add(c with { Version = item.Versions.Count - 1 });
            }
        }
    }
}
