namespace Tahaluf.Hub.Errors;

/// <summary>Stable error codes of the hub's request handling. Never rename or reuse a value.</summary>
public static class HubErrorCodes
{
    /// <summary>The body is not JSON, or not the expected JSON shape.</summary>
    public const string MalformedBody = "request.malformed_body";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "request.missing_field";

    /// <summary>A field has a value outside its allowed set or range.</summary>
    public const string InvalidField = "request.invalid_field";

    /// <summary>The id in the path is not a valid item id.</summary>
    public const string InvalidId = "request.invalid_id";

    /// <summary>The resource is absent or hidden.</summary>
    public const string NotFound = "resource.not_found";

    /// <summary>Observers write nothing.</summary>
    public const string ReadOnlyPartner = "auth.read_only_partner";

    /// <summary>The <c>If-Match</c> precondition failed.</summary>
    public const string StaleVersion = "concurrency.stale_version";

    /// <summary>The change is not allowed from the item's current state.</summary>
    public const string InvalidTransition = "item.invalid_transition";

    /// <summary>The notification was already acknowledged or cannot be acknowledged.</summary>
    public const string NotAcknowledgeable = "notification.not_acknowledgeable";

    /// <summary>The request signature does not verify with the partner's key.</summary>
    public const string InvalidSignature = "signature.invalid";

    /// <summary>A signature was sent but the partner has no registered key.</summary>
    public const string NoSigningKey = "signature.no_key";

    /// <summary>A track id already belongs to another partner.</summary>
    public const string ForeignTrack = "track.foreign_id";

    /// <summary>A partner with this id already exists.</summary>
    public const string PartnerExists = "admin.partner_exists";

    /// <summary>A partner named in the request does not exist.</summary>
    public const string UnknownPartner = "admin.unknown_partner";
}
