using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Gateway;

/// <summary>
/// The Cursor-on-Target TCP gateway: a plain stream (default 127.0.0.1:8087, one configured partner) and a TLS
/// stream requiring a client certificate that a caller-supplied function maps to a partner. Each connection
/// starts in XML; the gateway announces TAK protocol v1 and switches to it when the client asks
/// (<see cref="TakNegotiation"/>); pings are answered. Every other event goes to the inbound callback with the
/// connection's partner unless its uid is bound to another partner. A uid is bound to the first partner whose event
/// under it the callback accepted; events from another partner with the same uid are then dropped and counted. An
/// event the callback refused (say, one naming another partner's track) binds nothing, so it cannot lock the
/// rightful owner out.
/// <para>
/// Safety: XML is read by <see cref="CotXmlReader"/> (no DTD, no entities, bounded), each connection has a bounded
/// receive buffer and message size, handshake and idle timeouts, and a bounded outbound queue that drops its
/// oldest message when full, with its own writer, so a slow reader never stalls the others. Malformed messages
/// are dropped and counted; a broken stream (garbage, oversized message, bad frame) closes that connection only.
/// Thread-safe.
/// </para>
/// </summary>
public sealed class CotGateway : IAsyncDisposable
{
    private readonly CotGatewayOptions _options;
    private readonly Func<string, CotEvent, ValueTask<bool>> _inbound;
    private readonly ConcurrentDictionary<CotConnection, byte> _connections = new();

    // Connections accepted and not yet closed (handshakes included), against CotGatewayOptions.MaxConnections.
    private int _admitted;

    // Connections open per partner, against CotGatewayOptions.MaxConnectionsPerPartner.
    private readonly ConcurrentDictionary<string, int> _perPartner = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IPAddress, int> _handshaking = new();

    // One allowance per partner, shared by its connections; made once (Lazy: a bucket owns a timer, so none is made
    // twice and leaked) and kept while the gateway runs: only partners the hub maps ever get one.
    private readonly ConcurrentDictionary<string, Lazy<TokenBucketRateLimiter>> _partnerRates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _uidOwners = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private readonly CotXmlLimits _limits;
    private TcpListener? _plain;
    private TcpListener? _tls;

    /// <summary>A gateway that is not listening yet.</summary>
    /// <param name="options">Endpoints, certificates and limits.</param>
    /// <param name="inbound">
    /// Called with the partner and each event that passed, one call at a time per connection; returns whether the
    /// event was taken (its uid is then bound to the partner).
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">TLS is configured without a certificate or mapping.</exception>
    public CotGateway(CotGatewayOptions options, Func<string, CotEvent, ValueTask<bool>> inbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inbound);
        if (options.TlsEndpoint is not null && (options.ServerCertificate is null || options.MapClientCertificate is null))
        {
            throw new ArgumentException("A TLS endpoint needs a server certificate and a certificate-to-partner mapping.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnectionsPerPartner, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHandshakesPerAddress, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessagesPerSecond, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessagesPerSecondPerPartner, 1, nameof(options));

        _options = options;
        _inbound = inbound;
        _limits = new CotXmlLimits(options.MaxMessageBytes);
    }

    /// <summary>Counters.</summary>
    public CotGatewayStatistics Statistics { get; } = new();

    /// <summary>The bound plain endpoint once started (with the real port when 0 was asked), else null.</summary>
    public IPEndPoint? PlainEndpoint => _plain?.LocalEndpoint as IPEndPoint;

    /// <summary>The bound TLS endpoint once started, else null.</summary>
    public IPEndPoint? TlsEndpoint => _tls?.LocalEndpoint as IPEndPoint;

    /// <summary>Binds the endpoints and starts accepting connections.</summary>
    /// <returns>A completed task once listening.</returns>
    /// <exception cref="SocketException">An endpoint cannot be bound.</exception>
    public Task StartAsync()
    {
        if (_options.PlainEndpoint is { } plain)
        {
            _plain = new TcpListener(plain);
            _plain.Start();
            _tasks.Add(AcceptLoopAsync(_plain, tls: false));
        }

        if (_options.TlsEndpoint is { } tls)
        {
            _tls = new TcpListener(tls);
            _tls.Start();
            _tasks.Add(AcceptLoopAsync(_tls, tls: true));
        }

        return Task.CompletedTask;
    }

    /// <summary>Queues an event to every connection of a partner, in each connection's current encoding.</summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="cotEvent">The event.</param>
    /// <returns>The number of connections it was queued to.</returns>
    public int SendToPartner(string partner, CotEvent cotEvent)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(cotEvent);
        byte[]? xml = null;
        byte[]? frame = null;
        var count = 0;
        foreach (var connection in _connections.Keys)
        {
            if (connection.Partner != partner)
            {
                continue;
            }

            connection.Enqueue(connection.OutputMode == TakStreamMode.Xml
                ? xml ??= CotXmlWriter.WriteUtf8(cotEvent)
                : frame ??= TakFraming.StreamFrame(TakProtobuf.Encode(new TakMessage(null, cotEvent))));
            count++;
        }

        return count;
    }

    /// <summary>The partner a uid is bound to, or null when no event under it was taken yet.</summary>
    /// <param name="uid">A CoT uid.</param>
    /// <returns>The partner id, or null.</returns>
    public string? OwnerOf(string uid) => _uidOwners.TryGetValue(uid, out var owner) ? owner : null;

    /// <summary>Stops listening and closes every connection.</summary>
    /// <returns>A task that completes when all connection tasks have ended.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _plain?.Stop();
        _tls?.Stop();
        foreach (var connection in _connections.Keys)
        {
            await connection.Closing.CancelAsync().ConfigureAwait(false);
        }

        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        foreach (var rate in _partnerRates.Values)
        {
            if (rate.IsValueCreated)
            {
                await rate.Value.DisposeAsync().ConfigureAwait(false);
            }
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, bool tls)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (Interlocked.Increment(ref _admitted) > _options.MaxConnections)
            {
                Interlocked.Decrement(ref _admitted);
                Statistics.AddOverLimit();
                client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var task = Task.Run(async () =>
            {
                try
                {
                    await RunConnectionAsync(client, tls).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _admitted);
                }
            });
            lock (_tasks)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(task);
            }
        }
    }

    private async Task RunConnectionAsync(TcpClient client, bool tls)
    {
        using var owned = client;
        client.NoDelay = true;
        Stream stream = client.GetStream();
        var partner = _options.PlainPartner;
        if (tls)
        {
            // An address's share of the handshakes under way: a client that opens connections and never finishes a
            // handshake holds at most this many of the gateway's places, each for at most the handshake timeout.
            var address = client.Client.RemoteEndPoint is IPEndPoint remote ? remote.Address.MapToIPv6() : IPAddress.IPv6None;
            SslStream? ssl;
            string? mapped;
            try
            {
                if (_handshaking.AddOrUpdate(address, 1, static (_, n) => n + 1) > _options.MaxHandshakesPerAddress)
                {
                    Statistics.AddOverLimit();
                    client.LingerState = new LingerOption(true, 0);
                    return;
                }

                (ssl, mapped) = await HandshakeAsync(stream).ConfigureAwait(false);
            }
            finally
            {
                if (_handshaking.AddOrUpdate(address, 0, static (_, n) => n - 1) == 0)
                {
                    _handshaking.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
                }
            }

            if (mapped is null)
            {
                Statistics.AddRefused();
                await ssl.DisposeAsync().ConfigureAwait(false);
                return;
            }

            stream = ssl;
            partner = mapped;
        }

        // A partner's share of the gateway: one partner opening connections in a loop must not lock the others out.
        try
        {
            if (_perPartner.AddOrUpdate(partner, 1, static (_, n) => n + 1) > _options.MaxConnectionsPerPartner)
            {
                Statistics.AddOverLimit();
                await stream.DisposeAsync().ConfigureAwait(false);
                return;
            }

            await ServeAsync(partner, stream).ConfigureAwait(false);
        }
        finally
        {
            _perPartner.AddOrUpdate(partner, 0, static (_, n) => n - 1);
        }
    }

    // The TLS handshake with a client certificate, within the handshake timeout: the stream, and the partner its
    // certificate maps to (null when there is no certificate, it maps to no partner, or the handshake failed).
    private async Task<(SslStream Stream, string? Partner)> HandshakeAsync(Stream stream)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false, ValidateClientCertificate);
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            handshake.CancelAfter(_options.HandshakeTimeout);
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _options.ServerCertificate,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                handshake.Token).ConfigureAwait(false);
            if (ssl.RemoteCertificate is { } remote)
            {
                using var certificate = new X509Certificate2(remote);
                return (ssl, _options.MapClientCertificate!(certificate));
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            // No partner: the caller refuses the connection and counts it.
        }

        return (ssl, null);
    }

    private async Task ServeAsync(string partner, Stream stream)
    {
        var connection = new CotConnection(partner, stream, _options.OutboundQueueCapacity, Statistics);
        _connections[connection] = 0;
        Statistics.Opened();
        var writer = connection.WriteLoopAsync(_options.IdleTimeout);
        try
        {
            connection.Enqueue(CotXmlWriter.WriteUtf8(TakNegotiation.SupportAnnouncement(Now, _options.ServerUid)));
            await ReadLoopAsync(connection).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            connection.Complete();
            await connection.Closing.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            Statistics.Closed();
        }
    }

    private async Task ReadLoopAsync(CotConnection connection)
    {
        var buffer = new TakStreamBuffer(_options.MaxMessageBytes);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, connection.Closing.Token);

        // Each message takes a turn from the connection's allowance and then from its partner's. Past either the loop
        // waits before it reads on, so TCP slows the sender down: a fast sender is throttled, nothing is dropped.
        using var rate = Allowance(_options.MaxMessagesPerSecond, waiters: 1);
        var partnerRate = _partnerRates.GetOrAdd(
            connection.Partner,
            static (_, o) => new Lazy<TokenBucketRateLimiter>(() => Allowance(o.MaxMessagesPerSecondPerPartner, o.MaxConnectionsPerPartner)),
            _options).Value;
        long? partialSince = null;
        while (true)
        {
            int read;
            try
            {
                var wait = _options.IdleTimeout;
                if (partialSince is { } since)
                {
                    var left = _options.MessageTimeout - System.Diagnostics.Stopwatch.GetElapsedTime(since);
                    if (left <= TimeSpan.Zero)
                    {
                        Statistics.AddRejected();
                        return;
                    }

                    wait = left < wait ? left : wait;
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                idle.CancelAfter(wait);
                read = await connection.Stream.ReadAsync(buffer.GetFreeSpace(), idle.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            buffer.Advance(read);
            var took = false;
            while (true)
            {
                var status = buffer.TryTake(out var message, out _);
                if (status == FrameStatus.NeedMore)
                {
                    break;
                }

                took = true;

                if (status == FrameStatus.Error)
                {
                    Statistics.AddRejected();
                    return;
                }

                if (!await TakeTurnAsync(rate, linked.Token).ConfigureAwait(false) || !await TakeTurnAsync(partnerRate, linked.Token).ConfigureAwait(false))
                {
                    return;
                }

                var cotEvent = Decode(buffer.Mode, message.Span);
                if (cotEvent is null)
                {
                    continue;
                }

                if (!await HandleAsync(connection, buffer, cotEvent).ConfigureAwait(false))
                {
                    return;
                }
            }

            // The clock starts at the first byte of the message now pending, so a busy stream that always ends mid-message is never cut.
            partialSince = buffer.Buffered == 0 ? null : took ? System.Diagnostics.Stopwatch.GetTimestamp() : partialSince ?? System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    private CotEvent? Decode(TakStreamMode mode, ReadOnlySpan<byte> message)
    {
        if (mode == TakStreamMode.Xml)
        {
            var xml = CotXmlReader.Read(message, _limits);
            if (xml.Success)
            {
                return xml.Value;
            }
        }
        else
        {
            var proto = TakProtobuf.Decode(message, _limits);
            if (proto.Success)
            {
                // A frame with only a TakControl carries nothing to act on in a stream.
                return proto.Value.Event ?? CotEventNone;
            }
        }

        Statistics.AddRejected();
        return null;
    }

    private static readonly CotEvent CotEventNone = new("-", "-", "-", default, default, default, default, CotDetail.Empty);

    // A second's allowance of messages: a tenth of it comes back every 100 ms, a burst may spend all of it. Waiters (one per
    // connection that shares it) are served oldest first, and no newcomer takes a turn ahead of them.
    private static TokenBucketRateLimiter Allowance(int perSecond, int waiters) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = Math.Max(1, perSecond / 10),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        QueueLimit = waiters,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    // One message's share of an allowance: at once, or after a wait (each wait counted); false when the connection closes meanwhile.
    private async ValueTask<bool> TakeTurnAsync(RateLimiter rate, CancellationToken cancellationToken)
    {
        using (var now = rate.AttemptAcquire())
        {
            if (now.IsAcquired)
            {
                return true;
            }
        }

        Statistics.AddRateLimited();
        try
        {
            using var later = await rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return later.IsAcquired;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> HandleAsync(CotConnection connection, TakStreamBuffer buffer, CotEvent cotEvent)
    {
        if (ReferenceEquals(cotEvent, CotEventNone))
        {
            return true;
        }

        switch (cotEvent.Type)
        {
            case CotTypes.Ping:
                Statistics.AddPing();
                Send(connection, TakNegotiation.Pong(cotEvent, Now));
                return true;
            case CotTypes.ProtocolRequest:
                var accepted = buffer.Mode == TakStreamMode.Xml && TakNegotiation.RequestedVersion(cotEvent) == TakNegotiation.Version;
                Send(connection, TakNegotiation.Response(Now, _options.ServerUid, accepted));
                if (accepted)
                {
                    buffer.Mode = TakStreamMode.Protobuf;
                    connection.OutputMode = TakStreamMode.Protobuf;
                }

                return true;
            case CotTypes.ProtocolSupport or CotTypes.ProtocolResponse or CotTypes.Pong:
                return true;
        }

        if (_uidOwners.TryGetValue(cotEvent.Uid, out var owner) && owner != connection.Partner)
        {
            Statistics.AddUidConflict();
            return true;
        }

        Statistics.AddAccepted();
        if (await _inbound(connection.Partner, cotEvent).ConfigureAwait(false))
        {
            // Bound once taken: the first partner whose event under the uid was taken keeps it.
            _uidOwners.TryAdd(cotEvent.Uid, connection.Partner);
        }

        return true;
    }

    private static void Send(CotConnection connection, CotEvent cotEvent) =>
        connection.Enqueue(connection.OutputMode == TakStreamMode.Xml
            ? CotXmlWriter.WriteUtf8(cotEvent)
            : TakFraming.StreamFrame(TakProtobuf.Encode(new TakMessage(null, cotEvent))));

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (_options.TrustedClientRoots is not { } roots)
        {
            return errors == SslPolicyErrors.None;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
