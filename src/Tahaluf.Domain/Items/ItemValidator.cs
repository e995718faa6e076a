using System.Collections.Immutable;
using System.Globalization;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Validation;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>
/// Checks the domain rules of items: ids, versions, labels, enums, counts and text lengths. Volumes are checked by
/// the geometry validator when read; this validator only counts them. Returns the first error found. Pure and thread-safe.
/// </summary>
public static class ItemValidator
{
    /// <summary>Checks an operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if ((Common(operation) ?? VersionRule(operation.Version) ?? VolumesRule(operation.Volumes)) is { } error)
        {
            return error;
        }

        if (!Enum.IsDefined(operation.State))
        {
            return TextRules.Unknown("state");
        }

        if (!Enum.IsDefined(operation.Category))
        {
            return TextRules.Unknown("category");
        }

        if (operation.Callsigns.IsDefault)
        {
            return TextRules.Unknown("callsigns");
        }

        if (operation.Callsigns.Length > ItemLimits.MaxCallsigns)
        {
            return new DomainError(
                DomainErrorCodes.TooManyEntries,
                "callsigns",
                string.Create(CultureInfo.InvariantCulture, $"callsigns has {operation.Callsigns.Length} entries; at most {ItemLimits.MaxCallsigns} are allowed."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operation.Callsigns.Length; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"callsigns[{i}]");
            if (TextRules.Check(operation.Callsigns[i], path, ItemLimits.MaxCallsignLength, required: true, multiline: false) is { } callsignError)
            {
                return callsignError;
            }

            if (!seen.Add(operation.Callsigns[i]))
            {
                return new DomainError(DomainErrorCodes.DuplicateEntry, path, $"{path} repeats a callsign.");
            }
        }

        if (operation.AircraftCount is { } count and (< 1 or > ItemLimits.MaxAircraftCount))
        {
            return new DomainError(
                DomainErrorCodes.AircraftCountOutOfRange,
                "aircraft_count",
                string.Create(CultureInfo.InvariantCulture, $"aircraft_count is {count}; it must be between 1 and {ItemLimits.MaxAircraftCount}."));
        }

        return TextRules.Check(operation.Remarks, "remarks", ItemLimits.MaxRemarksLength, required: false, multiline: true);
    }

    /// <summary>Checks a zone; an anchored zone must have only circular volumes (the ring follows the anchor track).</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if ((Common(zone) ?? VersionRule(zone.Version) ?? VolumesRule(zone.Volumes)) is { } error)
        {
            return error;
        }

        if (!Enum.IsDefined(zone.ZoneKind))
        {
            return TextRules.Unknown("zone_kind");
        }

        if (!Enum.IsDefined(zone.State))
        {
            return TextRules.Unknown("state");
        }

        if (zone.AnchorTrackId is { } anchor)
        {
            if (!ItemId.IsValid(anchor))
            {
                return new DomainError(DomainErrorCodes.InvalidItemId, "anchor_track_id", "anchor_track_id is not an item id.");
            }

            for (var i = 0; i < zone.Volumes.Length; i++)
            {
                if (zone.Volumes[i].Footprint is not CircleFootprint)
                {
                    var path = string.Create(CultureInfo.InvariantCulture, $"volumes[{i}]");
                    return new DomainError(DomainErrorCodes.AnchoredZoneNotCircle, path, $"{path} must be a circle because the zone is anchored to a track.");
                }
            }
        }

        return TextRules.Check(zone.Name, "name", ItemLimits.MaxNameLength, required: true, multiline: false);
    }

    /// <summary>Checks a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if ((Common(report) ?? VersionRule(report.Version)) is { } error)
        {
            return error;
        }

        if (!TextRules.IsLanguageTag(report.Language))
        {
            return new DomainError(DomainErrorCodes.InvalidLanguage, "language", "language must be a BCP 47 tag such as 'ar', 'en' or 'fr-FR'.");
        }

        return TextRules.Check(report.Text, "text", ItemLimits.MaxReportTextLength, required: true, multiline: true);
    }

    /// <summary>Checks a track's identity, label, callsign, platform kind and kinematics (all finite and in range).</summary>
    /// <param name="track">The track.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (Common(track) is { } error)
        {
            return error;
        }

        if (!Enum.IsDefined(track.PlatformKind))
        {
            return TextRules.Unknown("platform_kind");
        }

        if (TextRules.Check(track.Callsign, "callsign", ItemLimits.MaxCallsignLength, required: false, multiline: false) is { } callsignError)
        {
            return callsignError;
        }

        return Range(track.Position.Lat, -90, 90, "position.lat", "in [-90, 90] degrees")
            ?? Range(track.Position.Lng, -180, 180, "position.lng", "in [-180, 180] degrees")
            ?? Range(track.AltitudeM, ItemLimits.MinAltitudeM, ItemLimits.MaxAltitudeM, "altitude", "in [-1000, 100000] metres")
            ?? Range(track.GroundSpeedMps, 0, ItemLimits.MaxGroundSpeedMps, "ground_speed", "in [0, 2000] metres per second")
            ?? (track.CourseDeg is >= 0 and < 360 ? null : TextRules.OutOfRange("course", "in [0, 360) degrees"))
            ?? Range(track.VerticalRateMps, -ItemLimits.MaxVerticalRateMps, ItemLimits.MaxVerticalRateMps, "vertical_rate", "in [-1000, 1000] metres per second");
    }

    /// <summary>Checks any item (dispatches on its type).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The first error, or null when valid.</returns>
    public static DomainError? Validate(Item item) => item switch
    {
        Operation o => Validate(o),
        Zone z => Validate(z),
        Report r => Validate(r),
        Track t => Validate(t),
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException("Unknown item type.", nameof(item)),
    };

    /// <summary>
    /// Checks that <paramref name="next"/> may replace <paramref name="previous"/> (null for a creation): same kind,
    /// id and owner, and an allowed state transition (<see cref="ItemStates.CanTransition"/>). Versions and ETags are
    /// the store's concern. Does not validate <paramref name="next"/> itself.
    /// </summary>
    /// <param name="previous">The stored item, or null when creating.</param>
    /// <param name="next">The proposed item.</param>
    /// <returns>The first error, or null when allowed.</returns>
    public static DomainError? ValidateReplacement(Item? previous, Item next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (previous is not null && previous.Ref != next.Ref)
        {
            return new DomainError(DomainErrorCodes.IdentityChanged, "id", "A replacement must keep the item's kind, id and owner.");
        }

        return (StateOf(previous), StateOf(next)) switch
        {
            (var from, { } to) => ItemStates.CheckTransition(from, to),
            _ => null,
        };
    }

    private static ItemState? StateOf(Item? item) => item switch
    {
        Operation o => o.State,
        Zone z => z.State,
        _ => null,
    };

    private static DomainError? Common(Item item)
    {
        if (!ItemId.IsValid(item.Id))
        {
            return new DomainError(DomainErrorCodes.InvalidItemId, "id", "id must be 1–128 characters of A–Z, a–z, 0–9, '.', '_', '~', '-'.");
        }

        if (!PartnerId.IsValid(item.Owner))
        {
            return new DomainError(DomainErrorCodes.InvalidPartnerId, "owner", "owner is not a partner id.");
        }

        return item.Label is null
            ? new DomainError(DomainErrorCodes.TextRequired, "label", "label is required.")
            : LabelValidator.Validate(item.Label);
    }

    private static DomainError? VersionRule(long version) =>
        version >= 1 ? null : new DomainError(DomainErrorCodes.InvalidVersion, "version", "version must be at least 1.");

    private static DomainError? VolumesRule(ImmutableArray<Volume4D> volumes)
    {
        if (volumes.IsDefaultOrEmpty)
        {
            return new DomainError(DomainErrorCodes.NoVolumes, "volumes", "volumes must hold at least one volume.");
        }

        if (volumes.Length > ItemLimits.MaxVolumes)
        {
            return new DomainError(
                DomainErrorCodes.TooManyVolumes,
                "volumes",
                string.Create(CultureInfo.InvariantCulture, $"volumes has {volumes.Length} entries; at most {ItemLimits.MaxVolumes} are allowed."));
        }

        for (var i = 0; i < volumes.Length; i++)
        {
            if (volumes[i] is null)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"volumes[{i}]");
                return new DomainError(DomainErrorCodes.TextRequired, path, $"{path} is missing.");
            }
        }

        return null;
    }

    private static DomainError? Range(double value, double min, double max, string field, string rule) =>
        double.IsFinite(value) && value >= min && value <= max ? null : TextRules.OutOfRange(field, rule);
}
