namespace Tahaluf.Cot.Gateway;

/// <summary>Counters of a <see cref="CotGateway"/>; thread-safe, monotonic except <see cref="OpenConnections"/>.</summary>
public sealed class CotGatewayStatistics
{
    private long _accepted;
    private long _rejected;
    private long _uidConflicts;
    private long _outboundDropped;
    private long _connectionsRefused;
    private long _connectionsOverLimit;
    private long _rateLimited;
    private long _openConnections;
    private long _pings;

    /// <summary>Events handed to the inbound callback.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Messages refused as malformed, oversized or hostile.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Events dropped because their uid belongs to another partner.</summary>
    public long UidConflicts => Interlocked.Read(ref _uidConflicts);

    /// <summary>Outbound messages dropped because a connection's queue was full.</summary>
    public long OutboundDropped => Interlocked.Read(ref _outboundDropped);

    /// <summary>Connections closed during the handshake (no or unknown certificate, timeout).</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>
    /// Connections closed on arrival because <see cref="CotGatewayOptions.MaxConnections"/> were open, their address had
    /// <see cref="CotGatewayOptions.MaxHandshakesPerAddress"/> TLS handshakes under way, or their partner had
    /// <see cref="CotGatewayOptions.MaxConnectionsPerPartner"/> connections.
    /// </summary>
    public long ConnectionsOverLimit => Interlocked.Read(ref _connectionsOverLimit);

    /// <summary>Times a connection's reading was held back because it sent more than <see cref="CotGatewayOptions.MaxMessagesPerSecond"/>.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Connections open now.</summary>
    public long OpenConnections => Interlocked.Read(ref _openConnections);

    /// <summary>Pings answered.</summary>
    public long Pings => Interlocked.Read(ref _pings);

    internal void AddAccepted() => Interlocked.Increment(ref _accepted);

    internal void AddRejected() => Interlocked.Increment(ref _rejected);

    internal void AddUidConflict() => Interlocked.Increment(ref _uidConflicts);

    internal void AddOutboundDropped() => Interlocked.Increment(ref _outboundDropped);

    internal void AddRefused() => Interlocked.Increment(ref _connectionsRefused);

    internal void AddPing() => Interlocked.Increment(ref _pings);

    internal void AddOverLimit() => Interlocked.Increment(ref _connectionsOverLimit);

    internal void AddRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void Opened() => Interlocked.Increment(ref _openConnections);

    internal void Closed() => Interlocked.Decrement(ref _openConnections);
}
