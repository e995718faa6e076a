using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Gateway;
using Tahaluf.Domain;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Views;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub;
using Tahaluf.Hub.Tracks;

namespace Tahaluf.Server.Cot;

/// <summary>
/// Connects the Cursor-on-Target gateway to the hub. Inbound: <c>a-*</c> events become track reports of the
/// connection's partner; <c>u-d-f</c>, <c>u-d-r</c> and <c>u-d-c-c</c> shapes become zones. Outbound, once a
/// second: each connected partner receives, as CoT, exactly what the release policy lets it see — tracks, zones
/// and operations as shapes, and its open conflicts as alert shapes carrying the safety minimum only.
/// </summary>
public sealed class CotBridge : IAsyncDisposable
{
    private readonly HubService _hub;
    private readonly CotGateway _gateway;
    private readonly ITimer _timer;

    private CotBridge(HubService hub, CotGatewayOptions options)
    {
        _hub = hub;
        _gateway = new CotGateway(options.MapClientCertificate is { } map ? options with { MapClientCertificate = RegisteredOnly(hub, map) } : options, InboundAsync);
        _timer = hub.Time.CreateTimer(_ => PublishAll(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The gateway (endpoints, statistics).</summary>
    public CotGateway Gateway => _gateway;

    /// <summary>Starts the gateway.</summary>
    /// <param name="hub">The hub.</param>
    /// <param name="options">Gateway options.</param>
    /// <returns>The running bridge.</returns>
    public static async Task<CotBridge> StartAsync(HubService hub, CotGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var bridge = new CotBridge(hub, options);
        await bridge._gateway.StartAsync().ConfigureAwait(false);
        return bridge;
    }

    /// <summary>
    /// A client-certificate mapping that names only registered partners: a certificate of the trusted CA whose name
    /// is no partner of the hub (yet, or any more) is refused at the handshake rather than connected and ignored.
    /// </summary>
    /// <param name="hub">The hub whose partners count.</param>
    /// <param name="map">The configured mapping (e.g. the certificate's common name).</param>
    /// <returns>The mapping.</returns>
    public static Func<System.Security.Cryptography.X509Certificates.X509Certificate2, string?> RegisteredOnly(
        HubService hub, Func<System.Security.Cryptography.X509Certificates.X509Certificate2, string?> map)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(map);
        return certificate => map(certificate) is { } id && hub.Snapshot.Partners.ContainsKey(id) ? id : null;
    }

    /// <summary>Sends every connected partner its current picture now (the timer does this every second).</summary>
    public void PublishAll()
    {
        foreach (var partner in _hub.Snapshot.Partners.Keys)
        {
            Publish(partner);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _gateway.DisposeAsync().ConfigureAwait(false);
    }

    private void Publish(string partner)
    {
        var now = _hub.Time.GetUtcNow();
        var events = new List<CotEvent>();
        foreach (var t in _hub.ListTracks(partner))
        {
            events.Add(Track(t, partner, now));
        }

        foreach (var kind in new[] { ItemKind.Zone, ItemKind.Operation })
        {
            string? after = null;
            do
            {
                var (page, next) = _hub.ListItems(partner, kind, new Hub.State.ItemFilter(After: after, Limit: 1000));
                foreach (var view in page)
                {
                    events.AddRange(Shapes(view, now));
                }

                after = next;
            }
            while (after is not null);
        }

        foreach (var notice in _hub.ListConflicts(partner, openOnly: true))
        {
            events.Add(Alert(notice, now));
        }

        foreach (var e in events)
        {
            if (_gateway.SendToPartner(partner, e) == 0)
            {
                return;
            }
        }
    }

    // Whether the hub took the event as the partner's: only then does the gateway bind its uid to the partner. A
    // position the hub holds as this partner's track (a duplicate, or older than the last) counts as taken; one refused
    // (another partner's track id, a value out of range) does not.
    private async ValueTask<bool> InboundAsync(string partner, CotEvent e)
    {
        if (e.IsAtom)
        {
            var hae = e.Point.Hae >= CotPoint.Unknown ? (double?)null : e.Point.Hae;
            var report = new TrackReport(e.Uid, e.Time, e.Point.Lat, e.Point.Lon, hae, e.Detail.CourseDeg, e.Detail.SpeedMps, null, e.Detail.Callsign, Platform(e.Type), null);
            return _hub.ReportTracks(partner, [report]) is { Success: true, Value: { } batch } && batch.Accepted + batch.Duplicates + batch.OutOfOrder > 0;
        }

        if (e.Type is CotTypes.Polygon or CotTypes.Rectangle or CotTypes.Circle)
        {
            var volume = CotZones.ToVolume(e);
            if (!volume.Success || !ItemId.IsValid(e.Uid))
            {
                return false;
            }

            var json = Hub.Serialization.ViewJson.ToJson(w =>
            {
                w.WriteStartObject();
                w.WriteString("state", "active");
                w.WriteString("zone_kind", "restricted_area");
                w.WriteString("name", e.Detail.Callsign ?? e.Uid);
                w.WriteStartArray("volumes");
                F3548Writer.WriteVolume4D(w, volume.Value!);
                w.WriteEndArray();
                w.WriteEndObject();
            });
            using var body = JsonDocument.Parse(json);
            return (await _hub.PutItemAsync(partner, ItemKind.Zone, e.Uid, body.RootElement, null, []).ConfigureAwait(false)).Success;
        }

        return false;
    }

    private static PlatformKind Platform(string type)
    {
        var parts = type.Split('-');
        return parts.Length < 3 ? PlatformKind.Unknown : parts[2] switch
        {
            "A" when parts.Length > 4 && parts[4] == "H" => PlatformKind.RotaryWing,
            "A" when parts.Length > 4 && parts[4] == "Q" => PlatformKind.Unmanned,
            "A" => PlatformKind.FixedWing,
            "S" => PlatformKind.Ship,
            "G" => PlatformKind.Ground,
            _ => PlatformKind.Unknown,
        };
    }

    private static CotEvent Track(TrackView t, string viewer, DateTimeOffset now)
    {
        var affiliation = t.Owner == viewer ? "f" : "n";
        var dimension = t.Envelope.PlatformKind switch { PlatformKind.Ship => "S", PlatformKind.Ground => "G", _ => "A" };
        return new CotEvent(t.Id, $"a-{affiliation}-{dimension}", "m-g", now, now, now.AddSeconds(30),
            new CotPoint(t.Envelope.Position.Lat, t.Envelope.Position.Lng, t.Envelope.AltitudeM, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail { Callsign = t.Details?.Callsign ?? t.Id, CourseDeg = t.Envelope.CourseDeg, SpeedMps = t.Envelope.GroundSpeedMps, Remarks = $"{t.Owner} ({WireNames.Of(t.Level)})" });
    }

    private static IEnumerable<CotEvent> Shapes(ItemView view, DateTimeOffset now)
    {
        var volumes = view switch
        {
            ZoneView z => z.Envelope.Volumes,
            OperationView o => o.Envelope.Volumes,
            _ => ImmutableArray<Volume4D>.Empty,
        };
        for (var i = 0; i < volumes.Length; i++)
        {
            var uid = volumes.Length == 1 ? $"{view.Kind}.{view.Owner}.{view.Id}" : string.Create(CultureInfo.InvariantCulture, $"{view.Kind}.{view.Owner}.{view.Id}.{i}");
            var remarks = $"{WireNames.Of(view.Kind)} {view.Id} of {view.Owner} ({WireNames.Of(view.Level)})";
            yield return Shape(uid, volumes[i], remarks, now);
        }
    }

    private static CotEvent Alert(ConflictNotice notice, DateTimeOffset now) =>
        Shape("conflict." + notice.ConflictId, notice.Encounter,
            $"CONFLICT with {notice.OtherParty} ({WireNames.Of(notice.Source)}); encounter from {Hub.Serialization.RecordJson.Rfc3339(notice.Encounter.TimeStart)}", now);

    private static CotEvent Shape(string uid, Volume4D volume, string remarks, DateTimeOffset now)
    {
        var (type, shape, centre) = volume.Footprint switch
        {
            CircleFootprint c => (CotTypes.Circle, new CotShape(CotShapeKind.Ellipse, [], c.RadiusM, c.RadiusM), c.Center),
            PolygonFootprint p => (CotTypes.Polygon, new CotShape(CotShapeKind.Polygon, p.Vertices), p.Vertices[0]),
            _ => throw new ArgumentException("Unknown footprint.", nameof(volume)),
        };
        return new CotEvent(uid, type, "h-e", now, now, now.AddSeconds(30), new CotPoint(centre.Lat, centre.Lng, CotPoint.Unknown, CotPoint.Unknown, CotPoint.Unknown),
            new CotDetail { Shape = shape, Remarks = remarks, MinAltitudeM = volume.AltitudeLowerM, MaxAltitudeM = volume.AltitudeUpperM });
    }
}
