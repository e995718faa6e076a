using System.Net;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Hub.Webhooks;

/// <summary>Validation of partner callback URLs. Thread-safe (static, pure).</summary>
public static class WebhookUrl
{
    /// <summary>The JSON field a callback URL is read from, named in errors.</summary>
    public const string Field = "url";

    /// <summary>
    /// Checks a callback URL: absolute, <c>https</c> (or <c>http</c> to <c>localhost</c> / a loopback address
    /// when <see cref="WebhookOptions.AllowLoopbackHttp"/>), no user info, no fragment, at most
    /// <see cref="WebhookOptions.MaxUrlLength"/> characters, and, when the host is an address, one the hub may call
    /// (<see cref="WebhookAddresses.Allows"/>; names are checked when connecting).
    /// </summary>
    /// <param name="url">The URL text.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The parsed URL, or the refusal (<see cref="WebhookErrorCodes"/>).</returns>
    public static HubResult<Uri> Validate(string? url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(url))
        {
            return HubError.Invalid(WebhookErrorCodes.InvalidUrl, Field, "The callback URL is required.");
        }

        if (url.Length > options.MaxUrlLength)
        {
            return HubError.Invalid(WebhookErrorCodes.InvalidUrl, Field, $"The callback URL is longer than {options.MaxUrlLength.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
        {
            return HubError.Invalid(WebhookErrorCodes.InvalidUrl, Field, "The callback URL must be an absolute https:// URL.");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return HubError.Invalid(WebhookErrorCodes.InvalidUrl, Field, "The callback URL must not carry user credentials or a fragment.");
        }

        if (uri.Scheme == "http" && !(options.AllowLoopbackHttp && IsLoopback(uri)))
        {
            return HubError.Invalid(WebhookErrorCodes.HttpsRequired, Field, "The callback URL must use https://; notifications are never sent in clear text.");
        }

        if ((IPAddress.TryParse(uri.DnsSafeHost, out var address) && !WebhookAddresses.Allows(address, options))
            || (uri.IsLoopback && !options.AllowLoopbackHttp))
        {
            return HubError.Invalid(WebhookErrorCodes.AddressNotAllowed, Field, "The callback URL names an address the hub does not call: private, loopback, link-local and reserved addresses are refused unless the operator allows their network.");
        }

        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
