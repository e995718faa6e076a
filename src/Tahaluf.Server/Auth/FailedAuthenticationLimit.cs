using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tahaluf.Server.Auth;

/// <summary>Wires <see cref="FailedAuthenticationLimiter"/> in front of authentication.</summary>
internal static class FailedAuthenticationLimit
{
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.Authorization.Count == 0)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var limiter = context.RequestServices.GetRequiredService<FailedAuthenticationLimiter>();
        if (limiter.MayBlock && limiter.IsBlocked(Address(context)))
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(limiter.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Problems.ProblemResults.Create(StatusCodes.Status429TooManyRequests, "auth.too_many_failures",
                "Too many requests with invalid credentials from this address; wait and retry.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            limiter.RecordFailure(Address(context));
        }
    });

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
