namespace Tahaluf.Hub.Webhooks;

/// <summary>Settings of webhook delivery. Immutable once the dispatcher has started.</summary>
public sealed record WebhookOptions
{
    /// <summary>
    /// Accept <c>http://</c> callback URLs whose host is <c>localhost</c> or a loopback address (tests, a
    /// receiver on the same machine). Default false: only <c>https://</c> URLs are accepted.
    /// </summary>
    public bool AllowLoopbackHttp { get; init; }

    /// <summary>
    /// Networks (CIDR) the hub may call back although they are not public, e.g. a closed coalition network
    /// (10.0.0.0/8). Default none: private, loopback (unless <see cref="AllowLoopbackHttp"/>), link-local, shared and
    /// reserved addresses are refused (<see cref="WebhookAddresses"/>).
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>First retry delay after a failed attempt (default 1 s); doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts (default 30 s). Retries go on for as long as the dispatcher runs.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one attempt, connection and response headers included (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the registrations are re-read from the store, to follow changes made through other instances (default 5 s).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest callback URL accepted, in characters (default 2,048).</summary>
    public int MaxUrlLength { get; init; } = 2048;

    /// <summary>
    /// How many consecutive events not addressed to a partner may be passed over before its cursor is stored
    /// past them (default 1,000); bounds the re-scan after a restart.
    /// </summary>
    public int SkipPersistEvery { get; init; } = 1000;

    /// <summary>Most events scanned to count a partner's pending deliveries for its status (default 10,000).</summary>
    public int PendingScanLimit { get; init; } = 10_000;
}
