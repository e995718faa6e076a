namespace Tahaluf.Hub.Errors;

/// <summary>An expected refusal of a hub operation: a stable code, the offending field (JSON path) and a message.</summary>
/// <param name="Kind">Category, mapped to an HTTP status.</param>
/// <param name="Code">Stable code: one of <see cref="HubErrorCodes"/>, a geometry code or a domain code.</param>
/// <param name="Field">JSON path of the offending field, or null when not about one field.</param>
/// <param name="Message">Plain-English explanation.</param>
public sealed record HubError(HubErrorKind Kind, string Code, string? Field, string Message)
{
    /// <summary>The resource is absent or hidden from the caller.</summary>
    /// <param name="what">What was looked for, e.g. <c>operation 'op-1'</c>.</param>
    /// <returns>The error.</returns>
    public static HubError NotFound(string what) => new(HubErrorKind.NotFound, HubErrorCodes.NotFound, null, what + " was not found.");

    /// <summary>A 400 error about one field.</summary>
    /// <param name="code">Stable code.</param>
    /// <param name="field">JSON path.</param>
    /// <param name="message">Explanation.</param>
    /// <returns>The error.</returns>
    public static HubError Invalid(string code, string? field, string message) => new(HubErrorKind.Invalid, code, field, message);
}
