using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tahaluf.Hub;

namespace Tahaluf.Server.Auth;

/// <summary>
/// Resolves <c>Authorization: Bearer TOKEN</c> to a partner (by the SHA-256 the hub stores) or to the admin
/// credential (compared in constant time). Sets the name claim to the partner id and a role claim.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HubService hub,
    AdminCredential admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("Only bearer tokens are accepted."));
        }

        var token = header["Bearer ".Length..].Trim();
        if (admin.Matches(token))
        {
            return Task.FromResult(Success(AdminCredential.Name, Roles.Admin));
        }

        var partner = hub.Authenticate(token);
        if (partner is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown token."));
        }

        return Task.FromResult(Success(partner.Id, partner.CanWrite ? Roles.Member : Roles.Observer));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.ProblemResults.Create(401, "auth.unauthenticated", "A valid bearer token is required.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Problems.ProblemResults.Create(403, "auth.forbidden", "This credential may not use this endpoint.").ExecuteAsync(Context).ConfigureAwait(false);

    // One principal per credential and role, made once and shared by that credential's requests: nothing in the server
    // changes a principal after authentication (no claims transformation, no added identities). A partner whose role
    // changes gets the other role's principal. Bounded by the partners the hub has ever had, times two roles.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Role), ClaimsPrincipal> Principals = new();

    private static AuthenticateResult Success(string name, string role)
    {
        var principal = Principals.GetOrAdd((name, role), static key =>
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], SchemeName)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
