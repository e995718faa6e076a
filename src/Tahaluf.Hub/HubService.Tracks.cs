using System.Collections.Immutable;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Engine;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.State;
using Tahaluf.Hub.Storage;
using Tahaluf.Hub.Tracks;
using Tahaluf.Hub.Writing;

namespace Tahaluf.Hub;

/// <summary>
/// Live tracks: ingestion, views, the prediction cycle (track–track and track–zone conflicts within the
/// look-ahead, one conflict per encounter), zones anchored to tracks, and batched history.
/// </summary>
public sealed partial class HubService
{
    private readonly Dictionary<ItemRef, ImmutableArray<Volume4D>> _anchoredNow = [];
    private readonly HashSet<ItemRef> _liveZones = [];
    private Tahaluf.Geometry.Tracks.TrackPredictor? _trackPredictor;

    private Tahaluf.Geometry.Tracks.TrackPredictor Predictor => _trackPredictor ??= new(
        new Tahaluf.Geometry.Tracks.EncounterLimits(Options.Minima.HorizontalM, Options.Minima.VerticalM, Options.LookAhead.TotalSeconds));
    private ITimer? _trackTimer;

    // Track sharing between instances (shared stores): one cycle at a time; the store positions read up to
    // (cursor) and the one before it (re-read from, for points committed out of order).
    private const int SharePage = 20_000;
    private readonly SemaphoreSlim _shareGate = new(1, 1);
    private long _shareCursor = -1;
    private long _shareFrom;
    private ITimer? _shareTimer;

    /// <summary>The live tracks.</summary>
    public TrackBoard Tracks { get; } = new();

    /// <summary>Applies a batch of position reports from <paramref name="caller"/>.</summary>
    /// <param name="caller">The reporting partner.</param>
    /// <param name="reports">The reports.</param>
    /// <returns>Counts and per-report refusals, or an error when the caller may not report.</returns>
    public HubResult<TrackBatchResult> ReportTracks(string caller, IReadOnlyList<TrackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (!Snapshot.Partners.TryGetValue(caller, out var partner))
        {
            return new HubError(HubErrorKind.Forbidden, HubErrorCodes.UnknownPartner, null, $"Partner {caller} is not registered.");
        }

        if (!partner.CanWrite)
        {
            return new HubError(HubErrorKind.Forbidden, HubErrorCodes.ReadOnlyPartner, null, $"{caller} is an observer and cannot report tracks.");
        }

        return Tracks.Report(caller, reports);
    }

    /// <summary>The live tracks the caller may see, projected.</summary>
    /// <param name="caller">Viewer.</param>
    /// <returns>The views, by id.</returns>
    public IReadOnlyList<TrackView> ListTracks(string caller)
    {
        var agreements = Snapshot.Agreements;
        return [.. Tracks.All.Select(t => ReleasePolicy.Project(t, caller, agreements)).OfType<TrackView>().OrderBy(v => v.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A live track's stored positions, oldest first (queued positions are flushed first): only those its owner
    /// reported. The id alone does not name one track for ever: after a restart, or on another instance, another
    /// partner may report under an id that held someone else's points, and those were released on that partner's
    /// terms, not this track's.
    /// </summary>
    /// <param name="track">The live track (its id and owner).</param>
    /// <param name="limit">Most recent positions to return.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The positions.</returns>
    public async Task<IReadOnlyList<Storage.TrackPointRecord>> TrackHistoryAsync(Track track, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(track);
        await FlushTrackHistoryAsync().ConfigureAwait(false);
        return await _store.ReadTrackPointsAsync(track.Id, track.Owner, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Track ids two partners report through different instances at once (see <see cref="TrackBoard.Contested"/>):
    /// each instance follows only the partner it saw first under the id. Zero on a store no other instance shares.
    /// </summary>
    public int ContestedTrackIds => Tracks.Contested(_time.GetUtcNow() - Options.TrackStaleAfter);

    /// <summary>Runs one prediction cycle now (the timer does this every <see cref="HubOptions.TrackCycle"/>).</summary>
    /// <returns>The number of predicted conflicts open after the cycle.</returns>
    public Task<int> PredictNowAsync() => EnqueueAsync(PredictCycle);

    /// <summary>A zone as it is now: circles anchored to a live track of the same owner are centred on it.</summary>
    /// <param name="item">Any item.</param>
    /// <returns>The item, moved when anchored.</returns>
    public Item Present(Item item)
    {
        if (item is not Zone { AnchorTrackId: { } anchor } zone || Tracks.Get(anchor) is not { } track || track.Owner != zone.Owner)
        {
            return item;
        }

        return zone with { Volumes = [.. zone.Volumes.Select(v => v.Footprint is CircleFootprint c ? v with { Footprint = c with { Center = track.Position } } : v)] };
    }

    /// <summary>
    /// On a store shared by several instances: stores the positions this instance received and applies those the
    /// others stored since the last call, so every instance holds every live track (the leader predicts over all
    /// of them; each instance serves them). The timer does this every <see cref="HubOptions.TrackCycle"/>; a
    /// position reported to another instance is here within about two cycles. Does nothing on other stores.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The number of positions from other instances that moved a live track here.</returns>
    public async Task<int> ShareTracksAsync(CancellationToken cancellationToken)
    {
        if (_store is not ISharedTrackStore shared || _shared is null)
        {
            return 0;
        }

        await _shareGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushTrackHistoryAsync().ConfigureAwait(false);
            if (_shareCursor < 0)
            {
                // First call: from now on (points older than this are history, or stale by the next report).
                _shareCursor = _shareFrom = await shared.LastTrackPointPositionAsync(cancellationToken).ConfigureAwait(false);
            }

            // Re-read from the cursor of the previous call: a point inserted before another but committed after
            // it appears below the last position read, and this catches it if it committed within one cycle.
            var staleBefore = _time.GetUtcNow() - Options.TrackStaleAfter;
            var after = _shareFrom;
            var last = _shareCursor;
            var moved = 0;
            while (true)
            {
                var page = await shared.ReadOtherTrackPointsAsync(after, SharePage, cancellationToken).ConfigureAwait(false);
                moved += Tracks.Merge(page.Select(p => p.Point), staleBefore);
                if (page.Count > 0)
                {
                    after = page[^1].Position;
                    last = Math.Max(last, after);
                }

                if (page.Count < SharePage)
                {
                    break;
                }
            }

            (_shareFrom, _shareCursor) = (_shareCursor, last);
            Tracks.Expire(staleBefore);
            return moved;
        }
        finally
        {
            _shareGate.Release();
        }
    }

    private void StartTrackTimer()
    {
        _trackTimer = _time.CreateTimer(_ => Post(new WriteRequest<int>(PredictCycle)), null, Options.TrackCycle, Options.TrackCycle);
        if (_shared is not null && _store is ISharedTrackStore)
        {
            _shareTimer = _time.CreateTimer(_ => _ = ShareOnTimerAsync(), null, Options.TrackCycle, Options.TrackCycle);
        }
    }

    private async Task ShareOnTimerAsync()
    {
        if (_shareGate.CurrentCount == 0)
        {
            return; // the previous cycle is still running
        }

        try
        {
            await ShareTracksAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Feed.ReportError(e);
        }
    }

    private async Task FlushTrackHistoryAsync()
    {
        var batch = Tracks.DrainHistory(50_000);
        if (batch.Count > 0)
        {
            try
            {
                await _store.AppendTrackPointsAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Feed.ReportError(e);
            }
        }
    }

    private int PredictCycle(WriteContext context)
    {
        if (!IsLeader)
        {
            // Another instance leads the prediction; this one only relays the reports it receives.
            return 0;
        }

        Tracks.Expire(context.Now - Options.TrackStaleAfter);

        // Zones anchored to tracks move with them: re-index and re-check their declared conflicts.
        // Only live zones matter here; walking every stored item each second would stall the writer.
        var liveZones = _liveZones.Select(z => context.Items.GetValueOrDefault((z.Kind, z.Id))).OfType<StoredItem>().ToList();
        foreach (var stored in liveZones)
        {
            if (stored.Item is Zone { AnchorTrackId: not null } zone && zone.State.IsLive())
            {
                var present = (Zone)Present(zone);
                if (!_anchoredNow.TryGetValue(zone.Ref, out var last) || !last.SequenceEqual(present.Volumes))
                {
                    _undo?.Add(() => UpdateEngine(zone.Ref, stored));
                    _anchoredNow[zone.Ref] = present.Volumes;
                    _engine.Set(zone.Ref, present.Volumes, live: true);
                    DetectConflicts(context, zone.Ref);
                }
            }
        }

        var found = new Dictionary<string, PredictedConflict>(StringComparer.Ordinal);
        var tracks = Tracks.All;
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        int OwnerKey(string owner)
        {
            if (!owners.TryGetValue(owner, out var key))
            {
                owners[owner] = key = owners.Count;
            }

            return key;
        }

        var set = new Tahaluf.Geometry.Tracks.TrackSet(Math.Max(16, tracks.Count));
        foreach (var t in tracks)
        {
            var course = t.CourseDeg * Math.PI / 180;
            set.Add(set.Count, OwnerKey(t.Owner), t.Position, t.AltitudeM, t.GroundSpeedMps * Math.Sin(course), t.GroundSpeedMps * Math.Cos(course), t.VerticalRateMps, t.Time.ToUnixTimeMilliseconds() / 1000.0);
        }

        var zoneList = liveZones.Select(s => s.Item).OfType<Zone>().Where(z => z.State.IsLive()).Select(z => (Zone)Present(z)).ToList();
        var trackZones = new List<Tahaluf.Geometry.Tracks.TrackZone>();
        for (var z = 0; z < zoneList.Count; z++)
        {
            for (var v = 0; v < zoneList[z].Volumes.Length; v++)
            {
                trackZones.Add(new Tahaluf.Geometry.Tracks.TrackZone(((long)z << 8) | (uint)v, OwnerKey(zoneList[z].Owner), zoneList[z].Volumes[v]));
            }
        }

        var nowS = context.Now.ToUnixTimeMilliseconds() / 1000.0;
        var prediction = Predictor.Cycle(set, nowS, trackZones);
        foreach (var c in prediction.TrackConflicts)
        {
            var (a, b) = (tracks[(int)c.IdA], tracks[(int)c.IdB]);
            var key = PairKey(a.Ref, b.Ref);
            var (first, second) = ConflictEngine.Order(a.Ref, b.Ref);
            found[key] = new PredictedConflict(first, second, TrackEncounter(a, b, context.Now, c.Encounter.WindowStartS, c.Encounter.WindowEndS));
        }

        foreach (var e in prediction.ZoneEntries)
        {
            var track = tracks[(int)e.TrackId];
            var zone = zoneList[(int)(e.ZoneId >> 8)];
            var volume = zone.Volumes[(int)(e.ZoneId & 0xFF)];
            if (zone.AnchorTrackId == track.Id)
            {
                continue;
            }

            var key = PairKey(track.Ref, zone.Ref);
            if (found.ContainsKey(key))
            {
                continue;
            }

            var (first, second) = ConflictEngine.Order(track.Ref, zone.Ref);
            var p = TrackPrediction.PositionAt(track, context.Now.AddSeconds(e.EntryS));
            var box = new PolygonFootprint([new(p.Position.Lat - 0.01, p.Position.Lng - 0.01), new(p.Position.Lat - 0.01, p.Position.Lng + 0.01), new(p.Position.Lat + 0.01, p.Position.Lng + 0.01), new(p.Position.Lat + 0.01, p.Position.Lng - 0.01)]);
            var low = Math.Clamp(p.AltitudeM - 150, volume.AltitudeLowerM, volume.AltitudeUpperM);
            var high = Math.Clamp(p.AltitudeM + 150, volume.AltitudeLowerM, volume.AltitudeUpperM);
            found[key] = new PredictedConflict(first, second, new Volume4D(box, low, Math.Max(high, low + 1), context.Now.AddSeconds(e.EntryS), context.Now + Options.LookAhead));
        }

        foreach (var (key, p) in found)
        {
            if (!context.OpenConflicts.ContainsKey(key))
            {
                OpenConflict(context, key, new DetectedConflict(p.A, p.B, p.Encounter), ConflictSource.Predicted);
            }
        }

        foreach (var id in _openPredicted.ToList())
        {
            var c = context.Conflicts[id];
            if (!found.ContainsKey(PairKey(c.A.Item, c.B.Item)))
            {
                CloseConflict(context, c);
            }
        }

        _ = FlushTrackHistoryAsync();
        return found.Count;
    }

    private static Volume4D TrackEncounter(Track a, Track b, DateTimeOffset now, double startS, double endS)
    {
        var mid = now.AddSeconds((startS + endS) / 2);
        var pa = TrackPrediction.PositionAt(a, mid);
        var pb = TrackPrediction.PositionAt(b, mid);
        var s = Math.Min(pa.Position.Lat, pb.Position.Lat) - 0.005;
        var n = Math.Max(pa.Position.Lat, pb.Position.Lat) + 0.005;
        var w = Math.Min(pa.Position.Lng, pb.Position.Lng) - 0.005;
        var e = Math.Max(pa.Position.Lng, pb.Position.Lng) + 0.005;
        var low = Math.Min(pa.AltitudeM, pb.AltitudeM);
        var high = Math.Max(pa.AltitudeM, pb.AltitudeM) + 1;
        return new Volume4D(new PolygonFootprint([new(s, w), new(s, e), new(n, e), new(n, w)]), low, high, now.AddSeconds(startS), now.AddSeconds(Math.Max(endS, startS + 1)));
    }
}
