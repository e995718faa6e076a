using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Views;

namespace Tahaluf.Domain.Release;

/// <summary>
/// The one release policy. Every output path (REST, live feed, CoT, webhooks, notifications, exports, civil feed,
/// ledger content) decides what a viewer sees through these functions and nothing else. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Effective level of an item for a viewer: <see cref="ReleaseLevel.Full"/> for its owner; otherwise the agreement
/// level owner → viewer for the item's kind, capped at <see cref="ReleaseLevel.Safety"/> when the label has a
/// releasable-to list without the viewer. Observers get what agreements give them. Below
/// <see cref="ReleaseLevel.Envelope"/> an item is hidden (the API answers 404).
/// </remarks>
public static class ReleasePolicy
{
    /// <summary>The level at which <paramref name="viewer"/> may see an item of <paramref name="owner"/>.</summary>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="owner">The item owner's id.</param>
    /// <param name="kind">The item's kind.</param>
    /// <param name="label">The item's label.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>The effective level.</returns>
    public static ReleaseLevel EffectiveLevel(string viewer, string owner, ItemKind kind, Label label, AgreementSet agreements)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(agreements);
        if (string.Equals(viewer, owner, StringComparison.Ordinal))
        {
            return ReleaseLevel.Full;
        }

        var granted = agreements.LevelFor(owner, viewer, kind);
        return label.Admits(viewer) || granted <= ReleaseLevel.Safety ? granted : ReleaseLevel.Safety;
    }

    /// <summary>The level at which <paramref name="viewer"/> may see <paramref name="item"/>.</summary>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="item">The item.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>The effective level.</returns>
    public static ReleaseLevel EffectiveLevel(string viewer, Item item, AgreementSet agreements)
    {
        ArgumentNullException.ThrowIfNull(item);
        return EffectiveLevel(viewer, item.Owner, item.Kind, item.Label, agreements);
    }

    /// <summary>Whether <paramref name="item"/> exists for <paramref name="viewer"/> outside conflict notices (level ≥ envelope).</summary>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="item">The item.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>True when visible.</returns>
    public static bool IsVisible(string viewer, Item item, AgreementSet agreements) =>
        EffectiveLevel(viewer, item, agreements) >= ReleaseLevel.Envelope;

    /// <summary>An operation as <paramref name="viewer"/> may see it.</summary>
    /// <param name="operation">A valid operation (at least one volume).</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>Null when hidden (below envelope); else an envelope view, with details at full.</returns>
    public static OperationView? Project(Operation operation, string viewer, AgreementSet agreements)
    {
        var level = EffectiveLevel(viewer, operation, agreements);
        if (level < ReleaseLevel.Envelope)
        {
            return null;
        }

        var envelope = new OperationEnvelope(operation.Version, operation.State, operation.Volumes, VolumeSpan.Of(operation.Volumes));
        var details = level == ReleaseLevel.Full
            ? new OperationDetails(
                operation.Category,
                operation.Callsigns,
                operation.AircraftCount,
                operation.Remarks,
                operation.Label.Caveat,
                OwnLabel(operation, viewer))
            : null;
        return new OperationView(level, operation.Id, operation.Owner, envelope, details);
    }

    /// <summary>A zone as <paramref name="viewer"/> may see it.</summary>
    /// <param name="zone">A valid zone (at least one volume).</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>Null when hidden (below envelope); else an envelope view, with details at full.</returns>
    public static ZoneView? Project(Zone zone, string viewer, AgreementSet agreements)
    {
        var level = EffectiveLevel(viewer, zone, agreements);
        if (level < ReleaseLevel.Envelope)
        {
            return null;
        }

        var envelope = new ZoneEnvelope(zone.Version, zone.ZoneKind, zone.State, zone.Volumes, VolumeSpan.Of(zone.Volumes));
        var details = level == ReleaseLevel.Full
            ? new ZoneDetails(zone.Name, zone.AnchorTrackId, zone.Label.Caveat, OwnLabel(zone, viewer))
            : null;
        return new ZoneView(level, zone.Id, zone.Owner, envelope, details);
    }

    /// <summary>A report as <paramref name="viewer"/> may see it.</summary>
    /// <param name="report">The report.</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>Null when hidden (below envelope); else an envelope view, with text at full.</returns>
    public static ReportView? Project(Report report, string viewer, AgreementSet agreements)
    {
        var level = EffectiveLevel(viewer, report, agreements);
        if (level < ReleaseLevel.Envelope)
        {
            return null;
        }

        var envelope = new ReportEnvelope(report.Version, report.Geometry);
        var details = level == ReleaseLevel.Full
            ? new ReportDetails(report.Text, report.Language, report.Label.Caveat, OwnLabel(report, viewer))
            : null;
        return new ReportView(level, report.Id, report.Owner, envelope, details);
    }

    /// <summary>A track as <paramref name="viewer"/> may see it.</summary>
    /// <param name="track">The track.</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>Null when hidden (below envelope); else an envelope view, with callsign at full.</returns>
    public static TrackView? Project(Track track, string viewer, AgreementSet agreements)
    {
        var level = EffectiveLevel(viewer, track, agreements);
        if (level < ReleaseLevel.Envelope)
        {
            return null;
        }

        var envelope = new TrackEnvelope(
            track.PlatformKind, track.Position, track.AltitudeM, track.Time, track.GroundSpeedMps, track.CourseDeg, track.VerticalRateMps);
        var details = level == ReleaseLevel.Full
            ? new TrackDetails(track.Callsign, track.Label.Caveat, OwnLabel(track, viewer))
            : null;
        return new TrackView(level, track.Id, track.Owner, envelope, details);
    }

    /// <summary>Any item as <paramref name="viewer"/> may see it (dispatches on the item's type).</summary>
    /// <param name="item">The item.</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <returns>Null when hidden; else the kind's view.</returns>
    public static ItemView? Project(Item item, string viewer, AgreementSet agreements) => item switch
    {
        Operation o => Project(o, viewer, agreements),
        Zone z => Project(z, viewer, agreements),
        Report r => Project(r, viewer, agreements),
        Track t => Project(t, viewer, agreements),
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException("Unknown item type.", nameof(item)),
    };

    /// <summary>
    /// A conflict as <paramref name="viewer"/> may see it. A party always gets the safety minimum, whatever the
    /// agreements (the safety override); the other item is added only at envelope level or above.
    /// </summary>
    /// <param name="conflict">The conflict.</param>
    /// <param name="viewer">The viewing partner's id.</param>
    /// <param name="agreements">The agreements in force.</param>
    /// <param name="otherItem">The current version of the other party's item, or null when not at hand.</param>
    /// <returns>Null when the viewer is not a party; else the notice.</returns>
    /// <exception cref="ArgumentException"><paramref name="otherItem"/> is not the other party's item.</exception>
    public static ConflictNotice? ProjectConflict(Conflict conflict, string viewer, AgreementSet agreements, Item? otherItem)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(agreements);
        var own = conflict.PartyOf(viewer);
        var other = conflict.OtherThan(viewer);
        if (own is null || other is null)
        {
            return null;
        }

        if (otherItem is not null && otherItem.Ref != other.Item)
        {
            throw new ArgumentException("The item is not the other party's item in this conflict.", nameof(otherItem));
        }

        var level = EffectiveLevel(viewer, other.Owner, other.Item.Kind, otherItem?.Label ?? Label.Unrestricted, agreements);
        if (otherItem is null)
        {
            // Without the item its label is unknown, so the level cannot be proven above safety.
            level = ReleaseLevel.Safety;
        }

        var released = level > ReleaseLevel.Safety ? level : ReleaseLevel.Safety;
        var view = released >= ReleaseLevel.Envelope && otherItem is not null ? Project(otherItem, viewer, agreements) : null;
        return new ConflictNotice(
            conflict.Id,
            conflict.Source,
            viewer,
            own.Item,
            other.Owner,
            conflict.Encounter,
            conflict.OpenedAt,
            conflict.ClosedAt,
            released,
            view);
    }

    /// <summary>
    /// A zone as the public civil feed shows it: only live (planned or active) zones whose label has
    /// <see cref="Label.Civil"/> set, coarsened to owner, kind, outlines, altitude limits and validity.
    /// </summary>
    /// <param name="zone">A valid zone.</param>
    /// <returns>Null when not civil-released or not live; else the hazard.</returns>
    public static CivilHazard? ProjectForCivil(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!zone.Label.Civil || !zone.State.IsLive())
        {
            return null;
        }

        return new CivilHazard(zone.Owner, zone.ZoneKind, zone.Volumes, VolumeSpan.Of(zone.Volumes));
    }

    private static Label? OwnLabel(Item item, string viewer) =>
        string.Equals(item.Owner, viewer, StringComparison.Ordinal) ? item.Label : null;
}
