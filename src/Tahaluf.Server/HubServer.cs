using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tahaluf.Hub;
using Tahaluf.Hub.Ledger;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Storage;
using Tahaluf.Server.Api.Admin;
using Tahaluf.Server.Api.Civil;
using Tahaluf.Server.Api.Conflicts;
using Tahaluf.Server.Api.Feed;
using Tahaluf.Server.Api.Health;
using Tahaluf.Server.Api.Items;
using Tahaluf.Server.Api.Ledger;
using Tahaluf.Server.Api.Me;
using Tahaluf.Server.Api.Notifications;
using Tahaluf.Server.Api.Tracks;
using Tahaluf.Server.Api.Webhooks;
using Tahaluf.Server.Auth;
using Tahaluf.Server.Cot;
using Tahaluf.Server.Problems;
using Tahaluf.Hub.Storage;
using Tahaluf.Storage.PostgreSql;
using Tahaluf.Storage.Sqlite;

namespace Tahaluf.Server;

/// <summary>
/// A running hub: the store, the <see cref="HubService"/> and the HTTP server over them. Start it with
/// <see cref="StartAsync"/>, stop it with <see cref="DisposeAsync"/>. Used by <c>tahaluf serve</c> and by tests.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IHubStore _store;
    private int _disposed;

    private HubServer(WebApplication app, IHubStore store, HubService hub, string adminToken, IReadOnlyList<string> urls, CotBridge? cot)
    {
        _app = app;
        Cot = cot;
        _store = store;
        Hub = hub;
        AdminToken = adminToken;
        Urls = urls;
    }

    /// <summary>The hub.</summary>
    public HubService Hub { get; }

    /// <summary>The Cursor-on-Target bridge, or null when no gateway was configured.</summary>
    public CotBridge? Cot { get; }

    /// <summary>The admin credential in force.</summary>
    public string AdminToken { get; }

    /// <summary>The addresses the server listens on (with real ports when 0 was asked).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>
    /// Opens the store (SQLite in <see cref="ServerSettings.DataDir"/>, or PostgreSQL when
    /// <see cref="ServerSettings.PostgresConnection"/> is set), starts the hub and the HTTP server.
    /// </summary>
    /// <param name="settings">Settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running server.</returns>
    public static async Task<HubServer> StartAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(settings.DataDir);
        var adminToken = settings.AdminToken ?? ReadOrCreateAdminToken(settings.DataDir);
        IHubStore store = settings.PostgresConnection is { } connection
            ? new PostgresHubStore(connection)
            : new SqliteHubStore(Path.Combine(settings.DataDir, "tahaluf.db"));
        HubService? hub = null;
        try
        {
            hub = await HubService.StartAsync(store, settings.Hub, settings.Time, OpenLedger(settings), cancellationToken).ConfigureAwait(false);
            var replays = await SignatureReplayCache.FromLedgerAsync(store, hub.Ledger.Size, hub.Time, 2 * Tahaluf.Hub.Signing.RequestSignature.MaxClockSkew, cancellationToken).ConfigureAwait(false);
            var app = Build(settings, hub, adminToken, store, replays);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            var cot = settings.Cot is null ? null : await CotBridge.StartAsync(hub, settings.Cot).ConfigureAwait(false);
            app.Services.GetRequiredService<CotStatus>().Bridge = cot;
            return new HubServer(app, store, hub, adminToken, urls, cot);
        }
        catch
        {
            if (hub is not null)
            {
                await hub.DisposeAsync().ConfigureAwait(false);
            }

            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the server is asked to stop (Ctrl+C, SIGTERM) or the token is cancelled.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (Cot is not null)
        {
            await Cot.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Hub.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(ServerSettings settings, HubService hub, string adminToken, IHubStore store, SignatureReplayCache replays)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HubServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            k.Limits.RequestHeadersTimeout = settings.RequestHeadersTimeout;
            k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(settings.MinRequestBodyBytesPerSecond, settings.MinRequestBodyGracePeriod);
            k.AddServerHeader = false;
        });
        builder.Logging.SetMinimumLevel(settings.LogLevel);

        // ASP.NET Core starts an Activity and a log scope for every request whenever this category logs at any level,
        // for "Request starting/finished" lines (Information, below the default level). Off unless asked for: a
        // startup failure still reaches the caller of StartAsync as an exception.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", settings.LogLevel <= Microsoft.Extensions.Logging.LogLevel.Information ? settings.LogLevel : Microsoft.Extensions.Logging.LogLevel.None);
        builder.Services.AddSingleton(hub);
        builder.Services.AddWebhooks(settings.Webhooks, hub, store, Path.Combine(settings.DataDir, "hub-ledger.key"));
        builder.Services.AddSingleton(new AdminCredential(adminToken));
        builder.Services.AddSingleton(new CotStatus());
        builder.Services.AddSingleton(replays);
        builder.Services.AddSingleton(new FailedAuthenticationLimiter(settings.FailedAuthenticationLimit, settings.FailedAuthenticationWindow));
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("partner", p => p.RequireAuthenticatedUser().RequireRole(Roles.Member, Roles.Observer));
        builder.Services.AddRateLimiter(o =>
        {
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await ProblemResults.Create(429, "request.rate_limited", "Too many requests; slow down and retry.").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
            o.AddPolicy("per-partner", context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.RequestsPerSecondPerPartner * 2,
                    TokensPerPeriod = settings.RequestsPerSecondPerPartner,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        builder.Services.AddOpenApi("v1");

        var app = builder.Build();
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var status = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is HubUnavailableException ? 503 : 500;
            await ProblemResults.Create(status, status == 503 ? "hub.unavailable" : "hub.internal_error",
                status == 503 ? "The hub could not store the request; nothing was accepted. Retry." : "An internal error occurred.").ExecuteAsync(context).ConfigureAwait(false);
        }));
        app.UseStatusCodePages(async context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            if (!context.HttpContext.Response.HasStarted && context.HttpContext.Response.ContentLength is null && status is 404 or 405 or 413 or 415)
            {
                await ProblemResults.Create(status, status switch { 404 => "resource.not_found", 405 => "request.method_not_allowed", 413 => "request.too_large", _ => "request.unsupported_media_type" },
                    ReasonPhrase(status)).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            }
        });
        // The hub's own clock (simulated in a replay) on every response, so the page shows scenario time.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Tahaluf-Time"] = Tahaluf.Hub.Serialization.RecordJson.Rfc3339(hub.Time.GetUtcNow());
                return Task.CompletedTask;
            });
            return next(context);
        });

        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    context.Context.Response.Headers["X-Content-Type-Options"] = "nosniff";
                    context.Context.Response.Headers["Content-Security-Policy"] =
                        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";
                },
            });
        }

        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthApi();
        app.MapCivilFeedApi();
        var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting("per-partner");
        var partnerApi = api.MapGroup("").RequireAuthorization("partner");
        partnerApi.MapMeApi().MapItemsApi().MapConflictsApi().MapNotificationsApi().MapFeedApi().MapLedgerApi().MapTracksApi().MapWebhooksApi();
        api.MapAdminApi();
        return app;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static HubLedger OpenLedger(ServerSettings settings)
    {
        var signer = NoteSigner.Parse(ReadOrCreateSecret(Path.Combine(settings.DataDir, "hub-ledger.key"), () =>
        {
            using var fresh = NoteSigner.Generate(settings.Hub.LedgerOrigin);
            return fresh.SignerKey;
        }));
        if (!signer.Success)
        {
            throw new InvalidDataException($"{Path.Combine(settings.DataDir, "hub-ledger.key")} does not hold a signer key: {signer.Error.Message}");
        }

        // With PostgreSQL several instances share the data directory, so each keeps its tree in memory and
        // rebuilds it from the store's leaves on start; the embedded store keeps it in a file beside the database.
        IMerkleNodeStore nodes = settings.PostgresConnection is null
            ? FileNodeStore.Open(Path.Combine(settings.DataDir, "ledger"))
            : new InMemoryNodeStore();
        return new HubLedger(nodes, signer.Value!, settings.Hub.LedgerOrigin);
    }

    // Reads a secret file, or creates it (owner-only) when missing; two instances starting together on one
    // data directory both end up with the first one's secret.
    private static string ReadOrCreateSecret(string path, Func<string> create)
    {
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, create() + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }
        }

        return File.ReadAllText(path).Trim();
    }

    private static string ReadOrCreateAdminToken(string dataDir) => ReadOrCreateSecret(Path.Combine(dataDir, "admin.token"), PartnerToken.Create);
}
