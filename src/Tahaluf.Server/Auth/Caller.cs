using Microsoft.AspNetCore.Http;

namespace Tahaluf.Server.Auth;

/// <summary>The authenticated partner of a request.</summary>
internal static class Caller
{
    /// <summary>The partner id (or <c>admin</c>) of the request's principal.</summary>
    public static string Id(this HttpContext context) =>
        context.User.Identity?.Name ?? throw new InvalidOperationException("The endpoint requires authentication.");
}
