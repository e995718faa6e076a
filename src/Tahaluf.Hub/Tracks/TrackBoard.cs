using System.Collections.Concurrent;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Hub.Tracks;

/// <summary>
/// Live tracks in memory: the latest position of each, bound to the partner that first reported its id
/// (no other partner can overwrite it), expired when stale; positions are queued for batched history
/// writes. Thread-safe: reports may arrive from many connections at once.
/// </summary>
public sealed class TrackBoard
{
    private readonly ConcurrentDictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    // Ids bound here to one partner for which another instance stored another partner's positions, with the newest
    // such position's time: each instance follows its own owner of the id, so neither predicts over both tracks.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _contested = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TrackPointRecord> _history = new();
    private readonly ConcurrentDictionary<string, (Label Label, string? Callsign, PlatformKind Kind, string Json)> _meta = new(StringComparer.Ordinal);
    private long _noPosition;

    /// <summary>Reports skipped for having no position since start.</summary>
    public long SkippedNoPosition => Interlocked.Read(ref _noPosition);

    /// <summary>Number of live tracks.</summary>
    public int Count => _tracks.Count;

    /// <summary>A snapshot of the live tracks.</summary>
    public IReadOnlyList<Track> All => [.. _tracks.Values];

    /// <summary>The live track with this id, or null.</summary>
    /// <param name="id">Track id.</param>
    /// <returns>The track or null.</returns>
    public Track? Get(string id) => _tracks.TryGetValue(id, out var t) ? t : null;

    /// <summary>Applies a batch of reports from one partner.</summary>
    /// <param name="owner">The reporting partner.</param>
    /// <param name="reports">The reports, in any order.</param>
    /// <returns>Counts and rejections.</returns>
    public TrackBatchResult Report(string owner, IReadOnlyList<TrackReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        int accepted = 0, skipped = 0, duplicates = 0, outOfOrder = 0;
        var rejected = new List<(int, HubError)>();
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            if (r is null || !ItemId.IsValid(r.Id))
            {
                rejected.Add((i, HubError.Invalid(HubErrorCodes.InvalidId, $"reports[{i}].id", "A track id is 1 to 128 letters, digits, '.', '_', '~' or '-'.")));
                continue;
            }

            var boundTo = _owners.GetOrAdd(r.Id, owner);
            if (!string.Equals(boundTo, owner, StringComparison.Ordinal))
            {
                rejected.Add((i, HubError.Invalid(HubErrorCodes.ForeignTrack, $"reports[{i}].id", $"Track '{r.Id}' belongs to another partner.")));
                continue;
            }

            if (r.Lat is null || r.Lng is null)
            {
                skipped++;
                Interlocked.Increment(ref _noPosition);
                continue;
            }

            var previous = Get(r.Id);
            var track = Build(owner, r, previous);
            var invalid = ItemValidator.Validate(track);
            if (invalid is not null)
            {
                rejected.Add((i, HubError.Invalid(invalid.Code, $"reports[{i}].{invalid.Field}", invalid.Message)));
                continue;
            }

            if (previous is not null && r.Time == previous.Time)
            {
                duplicates++;
                continue;
            }

            _history.Enqueue(new TrackPointRecord(r.Id, owner, r.Time, track.Position.Lat, track.Position.Lng, track.AltitudeM, track.CourseDeg, track.GroundSpeedMps, track.VerticalRateMps, MetaOf(track)));
            if (previous is not null && r.Time < previous.Time)
            {
                outOfOrder++;
                continue;
            }

            _tracks.AddOrUpdate(r.Id, track, (_, current) => current.Time > track.Time ? current : track);
            accepted++;
        }

        return new TrackBatchResult(accepted, skipped, duplicates, outOfOrder, rejected);
    }

    /// <summary>
    /// Applies positions another hub instance received (read back from the shared store): the live track moves
    /// when the point is newer than what this board holds; nothing is queued for history (it is stored already).
    /// A point for an id bound here to another partner is ignored, as a report would be refused; a point without
    /// the track's label (written before labels were kept) is ignored rather than guessed.
    /// </summary>
    /// <param name="points">The points, in any order.</param>
    /// <param name="staleBefore">Points older than this are not live any more and are skipped.</param>
    /// <returns>The number of points that moved a live track.</returns>
    public int Merge(IEnumerable<TrackPointRecord> points, DateTimeOffset staleBefore)
    {
        ArgumentNullException.ThrowIfNull(points);
        var moved = 0;
        foreach (var p in points)
        {
            if (p.Time < staleBefore || p.MetaJson is null)
            {
                continue;
            }

            // A stream of positions repeats its meta text: parse it only when it changed.
            (Label Label, string? Callsign, PlatformKind PlatformKind) meta;
            if (_meta.TryGetValue(p.TrackId, out var known) && string.Equals(known.Json, p.MetaJson, StringComparison.Ordinal))
            {
                meta = (known.Label, known.Callsign, known.Kind);
            }
            else if (!TrackMeta.TryRead(p.MetaJson, out meta))
            {
                continue;
            }

            if (!string.Equals(_owners.GetOrAdd(p.TrackId, p.Owner), p.Owner, StringComparison.Ordinal))
            {
                _contested.AddOrUpdate(p.TrackId, static (_, time) => time, static (_, seen, time) => seen > time ? seen : time, p.Time);
                continue;
            }

            var track = new Track(p.TrackId, p.Owner, meta.Label, meta.Callsign, meta.PlatformKind, new LatLng(p.Lat, p.Lng), p.AltitudeM, p.Time, p.SpeedMps, p.CourseDeg, p.VerticalRateMps);
            if (ItemValidator.Validate(track) is not null)
            {
                continue;
            }

            var stored = _tracks.AddOrUpdate(p.TrackId, track, (_, current) => current.Time >= track.Time ? current : track);
            if (ReferenceEquals(stored, track))
            {
                _meta[p.TrackId] = (track.Label, track.Callsign, track.PlatformKind, p.MetaJson);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// How many ids bound here to one partner another partner still reports through another instance (a position
    /// newer than <paramref name="staleBefore"/>). Two partners who began a track under one id at about the same time
    /// on two instances each keep it there: every instance follows its own owner of the id, so the other owner's
    /// aircraft is not predicted against by the instances that follow the first. Older ones are forgotten.
    /// </summary>
    /// <param name="staleBefore">Positions older than this are not live any more.</param>
    /// <returns>The number of contested ids.</returns>
    public int Contested(DateTimeOffset staleBefore)
    {
        foreach (var (id, seen) in _contested)
        {
            if (seen < staleBefore)
            {
                _contested.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, seen));
            }
        }

        return _contested.Count;
    }

    /// <summary>Removes tracks whose last report is older than <paramref name="staleBefore"/>.</summary>
    /// <param name="staleBefore">Cut-off time.</param>
    /// <returns>The number removed.</returns>
    public int Expire(DateTimeOffset staleBefore)
    {
        var removed = 0;
        foreach (var (id, track) in _tracks)
        {
            if (track.Time < staleBefore && _tracks.TryRemove(new KeyValuePair<string, Track>(id, track)))
            {
                _meta.TryRemove(id, out _);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Takes the queued history points (up to <paramref name="max"/>).</summary>
    /// <param name="max">Most points to take.</param>
    /// <returns>The points, in arrival order.</returns>
    public List<TrackPointRecord> DrainHistory(int max)
    {
        var batch = new List<TrackPointRecord>(Math.Min(max, 4096));
        while (batch.Count < max && _history.TryDequeue(out var p))
        {
            batch.Add(p);
        }

        return batch;
    }

    // The label, callsign and platform kind of a point, as JSON; the same text as the track's last point when
    // they did not change, so a stream of positions does not serialize its label each time.
    private string MetaOf(Track track)
    {
        if (_meta.TryGetValue(track.Id, out var m) && m.Label == track.Label && m.Callsign == track.Callsign && m.Kind == track.PlatformKind)
        {
            return m.Json;
        }

        var json = TrackMeta.Write(track.Label, track.Callsign, track.PlatformKind);
        _meta[track.Id] = (track.Label, track.Callsign, track.PlatformKind, json);
        return json;
    }

    private static Track Build(string owner, TrackReport r, Track? previous)
    {
        var position = new LatLng(r.Lat!.Value, r.Lng!.Value);
        var altitude = r.AltitudeM ?? previous?.AltitudeM ?? 0;
        var course = r.CourseDeg;
        var speed = r.GroundSpeedMps;
        if ((course is null || speed is null) && previous is not null && r.Time > previous.Time)
        {
            var seconds = (r.Time - previous.Time).TotalSeconds;
            var north = (position.Lat - previous.Position.Lat) * 111_320;
            var east = (position.Lng - previous.Position.Lng) * 111_320 * Math.Cos(position.Lat * Math.PI / 180);
            speed ??= Math.Sqrt((north * north) + (east * east)) / seconds;
            course ??= (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        }

        var normalizedCourse = course is { } c && double.IsFinite(c) ? ((c % 360) + 360) % 360 : 0;
        return new Track(r.Id, owner, r.Label ?? previous?.Label ?? Label.Unrestricted, r.Callsign ?? previous?.Callsign, r.PlatformKind,
            position, altitude, r.Time, Math.Min(speed ?? 0, ItemLimits.MaxGroundSpeedMps), normalizedCourse == 360 ? 0 : normalizedCourse, r.VerticalRateMps ?? 0);
    }
}
