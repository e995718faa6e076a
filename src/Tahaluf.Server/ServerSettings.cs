namespace Tahaluf.Server;

/// <summary>How to run a hub server.</summary>
public sealed record ServerSettings
{
    /// <summary>Listen addresses, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Directory holding the SQLite file (<c>tahaluf.db</c>), the ledger's node file and signing key, and the
    /// admin token file. With PostgreSQL only the key and the token live here (instances may share it).
    /// </summary>
    public string DataDir { get; init; } = ".tahaluf";

    /// <summary>
    /// An Npgsql connection string to keep the data in PostgreSQL instead of the embedded SQLite file, or null.
    /// Several instances on one database (and search path) form one hub: they share the feed through
    /// LISTEN/NOTIFY and one of them at a time leads the engine. They must share the ledger signing key
    /// (the same <see cref="DataDir"/>, or copies of its <c>hub-ledger.key</c>).
    /// </summary>
    public string? PostgresConnection { get; init; }

    /// <summary>The admin credential; when null, one is read from or created in <c>DataDir/admin.token</c>.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Hub settings.</summary>
    public Hub.HubOptions Hub { get; init; } = new();

    /// <summary>Requests per second allowed per partner (token bucket; burst of twice this).</summary>
    public int RequestsPerSecondPerPartner { get; init; } = 1000;

    /// <summary>Largest request body accepted, in bytes (default 4 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Time a client has to send the request line and headers before the connection is closed (default 15 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Slowest request body accepted, in bytes per second, averaged after <see cref="MinRequestBodyGracePeriod"/>
    /// (default 240 B/s); a slower sender gets 408 <c>request.timeout</c> and its connection is closed.
    /// </summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>Time a body may arrive slower than <see cref="MinRequestBodyBytesPerSecond"/> before the rate is enforced (default 10 s; more than 1 s).</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Requests with a bearer token that fails to authenticate allowed per client address per
    /// <see cref="FailedAuthenticationWindow"/> (default 100). Past it, every request of that address that
    /// presents a token is refused with 429 <c>auth.too_many_failures</c> until the window ends, before the
    /// token is even looked at, so guessing cannot go faster than this.
    /// </summary>
    public int FailedAuthenticationLimit { get; init; } = 100;

    /// <summary>The window of <see cref="FailedAuthenticationLimit"/> (default 1 minute).</summary>
    public TimeSpan FailedAuthenticationWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Cursor-on-Target gateway settings, or null for no gateway. <c>tahaluf serve</c> turns on plain TCP on
    /// 127.0.0.1:8087 for one local partner; TLS with client certificates is configured here too.
    /// </summary>
    public Tahaluf.Cot.Gateway.CotGatewayOptions? Cot { get; init; }

    /// <summary>Webhook delivery settings (partners' HTTPS callbacks: retry backoff, per-attempt timeout, loopback HTTP for tests).</summary>
    public Hub.Webhooks.WebhookOptions Webhooks { get; init; } = new();

    /// <summary>The hub's clock (tests and replays drive it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Log level for ASP.NET Core's own messages (default Warning).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
