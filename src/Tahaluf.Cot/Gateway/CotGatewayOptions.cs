using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Tahaluf.Cot.Gateway;

/// <summary>Settings of a <see cref="CotGateway"/>. Set before starting; not read again afterwards.</summary>
public sealed record CotGatewayOptions
{
    /// <summary>Plain TCP endpoint, or null for none. Default 127.0.0.1:8087 (port 0 picks a free port).</summary>
    public IPEndPoint? PlainEndpoint { get; init; } = new(IPAddress.Loopback, 8087);

    /// <summary>The partner every plain connection speaks for (plain TCP is for local use). Default <c>local</c>.</summary>
    public string PlainPartner { get; init; } = "local";

    /// <summary>TLS endpoint, or null for none (then <see cref="ServerCertificate"/> is not needed), e.g. 127.0.0.1:8089.</summary>
    public IPEndPoint? TlsEndpoint { get; init; }

    /// <summary>The server certificate with its private key, for the TLS endpoint.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>
    /// The certificate authorities client certificates must chain to; null to use the machine's trust store.
    /// </summary>
    public X509Certificate2Collection? TrustedClientRoots { get; init; }

    /// <summary>Maps a verified client certificate to its partner id, or null to refuse the connection.</summary>
    public Func<X509Certificate2, string?>? MapClientCertificate { get; init; }

    /// <summary>Largest message (XML event or protobuf frame) in bytes; the receive buffer holds twice that. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Time allowed for the TLS handshake. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection that sends nothing for this long is closed (also ends half-sent events). Default 60 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time a message may take to arrive once its first byte is in: a client that trickles an event byte by byte
    /// (never idle long enough for <see cref="IdleTimeout"/>) is closed when this runs out. Default 30 s.
    /// </summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connections open at once over both endpoints, handshakes included; one more is closed as soon as it is
    /// accepted (counted in <see cref="CotGatewayStatistics.ConnectionsOverLimit"/>), so a client opening sockets
    /// in a loop cannot exhaust the hub's memory or file descriptors. Default 256.
    /// </summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>
    /// Connections one partner may hold open at once (counted once the partner is known: after the TLS handshake; the
    /// plain endpoint speaks for one partner). One more is closed and counted in
    /// <see cref="CotGatewayStatistics.ConnectionsOverLimit"/>, so one partner cannot take every connection. Default 32.
    /// </summary>
    public int MaxConnectionsPerPartner { get; init; } = 32;

    /// <summary>
    /// TLS handshakes one remote address may have under way at once. Before its handshake a connection speaks for
    /// no one, so only its address can be held to a share: one more is reset on arrival and counted in
    /// <see cref="CotGatewayStatistics.ConnectionsOverLimit"/>, so a client that opens connections and never
    /// completes a handshake cannot fill <see cref="MaxConnections"/> and lock every partner out. Default 8.
    /// </summary>
    public int MaxHandshakesPerAddress { get; init; } = 8;

    /// <summary>
    /// Messages (events, pings, negotiation) a connection may send per second, with bursts up to that many. Past that
    /// the gateway reads the connection no faster than the allowance comes back, so TCP slows the sender down: nothing
    /// is dropped, and each wait is counted in <see cref="CotGatewayStatistics.RateLimited"/>.
    /// A TAK client reports its position about once a second; a relay of a partner's whole air picture, a few hundred
    /// tracks a second. Default 1,000.
    /// </summary>
    public int MaxMessagesPerSecond { get; init; } = 1000;

    /// <summary>
    /// Messages all of one partner's connections together may send per second, with bursts up to that many: opening
    /// more connections does not multiply a partner's allowance. Past it each of the partner's connections is read no
    /// faster than its turn in the partner's queue (oldest waiter first), so nothing is dropped and other partners are
    /// not slowed; each wait is counted in <see cref="CotGatewayStatistics.RateLimited"/>. Default 4,000.
    /// </summary>
    public int MaxMessagesPerSecondPerPartner { get; init; } = 4000;

    /// <summary>Outbound messages queued per connection; when full, the oldest is dropped. Default 1,024.</summary>
    public int OutboundQueueCapacity { get; init; } = 1024;

    /// <summary>Uid the gateway uses in its own events. Default <c>tahaluf-hub</c>.</summary>
    public string ServerUid { get; init; } = "tahaluf-hub";

    /// <summary>Clock for the events the gateway writes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
