namespace Tahaluf.Domain.Validation;

/// <summary>
/// Stable error codes for violations of domain rules. Persisted and returned by the API in problem details:
/// never rename or reuse a value; add new ones at the end.
/// </summary>
public static class DomainErrorCodes
{
    /// <summary>A partner id is not 2–16 characters of A–Z, 0–9 and '_' starting with a letter.</summary>
    public const string InvalidPartnerId = "domain.invalid_partner_id";

    /// <summary>An item id is not 1–128 characters of A–Z, a–z, 0–9, '.', '_', '~', '-'.</summary>
    public const string InvalidItemId = "domain.invalid_item_id";

    /// <summary>A version number is below 1.</summary>
    public const string InvalidVersion = "domain.invalid_version";

    /// <summary>An enum field holds a value that is not defined (unknown state, kind, category, level…).</summary>
    public const string UnknownValue = "domain.unknown_value";

    /// <summary>A state change that the item life cycle forbids, e.g. ended → active.</summary>
    public const string InvalidStateTransition = "domain.invalid_state_transition";

    /// <summary>The aircraft count is outside [1, <see cref="Items.ItemLimits.MaxAircraftCount"/>].</summary>
    public const string AircraftCountOutOfRange = "domain.aircraft_count_out_of_range";

    /// <summary>A text field (remarks, report text, name, caveat, callsign) is longer than its limit.</summary>
    public const string TextTooLong = "domain.text_too_long";

    /// <summary>A required text field is empty or only white space.</summary>
    public const string TextRequired = "domain.text_required";

    /// <summary>A text field contains control characters (other than line breaks and tabs where allowed).</summary>
    public const string InvalidCharacters = "domain.invalid_characters";

    /// <summary>An operation or zone has no volume.</summary>
    public const string NoVolumes = "domain.no_volumes";

    /// <summary>An operation or zone has more volumes than <see cref="Items.ItemLimits.MaxVolumes"/>.</summary>
    public const string TooManyVolumes = "domain.too_many_volumes";

    /// <summary>A list (callsigns, releasable_to) has more entries than its limit.</summary>
    public const string TooManyEntries = "domain.too_many_entries";

    /// <summary>A list holds the same entry twice.</summary>
    public const string DuplicateEntry = "domain.duplicate_entry";

    /// <summary>A language tag is not a simple BCP 47 tag such as <c>ar</c>, <c>en</c>, <c>fr-FR</c>.</summary>
    public const string InvalidLanguage = "domain.invalid_language";

    /// <summary>A signing public key is present but not 32 bytes (Ed25519).</summary>
    public const string InvalidSigningKey = "domain.invalid_signing_key";

    /// <summary>An agreement grants something from a partner to itself.</summary>
    public const string SelfAgreement = "domain.self_agreement";

    /// <summary>A zone anchored to a track has a volume whose footprint is not a circle (the ring follows the track).</summary>
    public const string AnchoredZoneNotCircle = "domain.anchored_zone_not_circle";

    /// <summary>A position, altitude, speed, course or rate is not finite or outside its range.</summary>
    public const string ValueOutOfRange = "domain.value_out_of_range";

    /// <summary>A replacement changes the item's id, kind or owner.</summary>
    public const string IdentityChanged = "domain.identity_changed";

    /// <summary>An observer tried to write; observers are read-only.</summary>
    public const string ObserverCannotWrite = "domain.observer_cannot_write";

    /// <summary>A partner tried to write an item owned by another partner.</summary>
    public const string NotOwner = "domain.not_owner";

    /// <summary>A partner tried to acknowledge a notification addressed to another partner.</summary>
    public const string NotRecipient = "domain.not_recipient";

    /// <summary>A time is before the moment it must follow (e.g. an acknowledgement before the notification).</summary>
    public const string InvalidTime = "domain.invalid_time";

    /// <summary>A notification names neither or both of a conflict and an item.</summary>
    public const string InvalidNotificationSubject = "domain.invalid_notification_subject";
}
