namespace Tahaluf.Hub.Webhooks;

/// <summary>Stable error codes of webhook registration. Never rename or reuse a value.</summary>
public static class WebhookErrorCodes
{
    /// <summary>The callback URL is missing, not absolute, too long, carries credentials or a fragment, or is not HTTP(S).</summary>
    public const string InvalidUrl = "webhook.invalid_url";

    /// <summary>The callback URL is not HTTPS (plain HTTP is allowed only to loopback, and only when the hub is configured so).</summary>
    public const string HttpsRequired = "webhook.https_required";

    /// <summary>The callback URL names an address the hub does not call (private, loopback, link-local, reserved).</summary>
    public const string AddressNotAllowed = "webhook.address_not_allowed";
}
