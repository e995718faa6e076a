using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Gateway;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Tests.Gateway;

public sealed class CotGatewayTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Partner, CotEvent Event)> _received = new();
    private CotGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = new CotGateway(
            new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), IdleTimeout = TimeSpan.FromSeconds(5), MaxMessageBytes = 8192 },
            (partner, e) =>
            {
                _received.Enqueue((partner, e));
                return ValueTask.FromResult(true);
            });
        await _gateway.StartAsync();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private static async Task<T> Within<T>(Task<T> task, int seconds = 5) => await task.WaitAsync(TimeSpan.FromSeconds(seconds));

    private async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private sealed class Client : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly TakStreamBuffer _buffer = new(65536);

        private Client(IPAddress? from) => _tcp = from is null ? new() : new(new IPEndPoint(from, 0));

        public Stream Stream { get; private set; } = null!;

        /// <summary>Connects, from <paramref name="from"/> when given (any of 127.0.0.0/8 is this machine).</summary>
        public static async Task<Client> ConnectAsync(IPEndPoint endpoint, IPAddress? from = null)
        {
            var client = new Client(from);
            try
            {
                await client._tcp.ConnectAsync(endpoint);
                client.Stream = client._tcp.GetStream();
                return client;
            }
            catch
            {
                client._tcp.Dispose();
                throw;
            }
        }

        public void UseStream(Stream stream) => Stream = stream;

        public TakStreamMode Mode
        {
            get => _buffer.Mode;
            set => _buffer.Mode = value;
        }

        private readonly SemaphoreSlim _sending = new(1, 1);

        public async Task SendAsync(byte[] bytes)
        {
            await _sending.WaitAsync();
            try
            {
                await Stream.WriteAsync(bytes);
                await Stream.FlushAsync();
            }
            finally
            {
                _sending.Release();
            }
        }

        public Task SendAsync(CotEvent e) => SendAsync(Mode == TakStreamMode.Xml ? CotXmlWriter.WriteUtf8(e) : TakFraming.StreamFrame(TakProtobuf.Encode(new TakMessage(null, e))));

        public async Task<CotEvent?> ReceiveAsync()
        {
            while (true)
            {
                var status = _buffer.TryTake(out var message, out _);
                if (status == FrameStatus.Frame)
                {
                    return Mode == TakStreamMode.Xml
                        ? CotXmlReader.Read(message.Span).Value ?? throw new InvalidDataException(Encoding.UTF8.GetString(message.Span))
                        : TakProtobuf.Decode(message.Span).Value?.Event;
                }

                var n = await Stream.ReadAsync(_buffer.GetFreeSpace());
                if (n == 0)
                {
                    return null;
                }

                _buffer.Advance(n);
            }
        }

        public async Task<CotEvent> ReceiveTypeAsync(string type)
        {
            while (true)
            {
                var e = await ReceiveAsync() ?? throw new IOException("closed");
                if (e.Type == type)
                {
                    return e;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Stream.DisposeAsync();
            _tcp.Dispose();
        }
    }

    [Fact]
    public async Task Connect_AnnouncesProtocolAndAnswersPing()
    {
        await using var client = await Client.ConnectAsync(_gateway.PlainEndpoint!);

        var announcement = await Within(client.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await client.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "client-1"));
        var pong = await Within(client.ReceiveTypeAsync(CotTypes.Pong));

        Assert.Contains("TakProtocolSupport", announcement.Detail.OtherXml, StringComparison.Ordinal);
        Assert.Equal("client-1", pong.Uid);
        Assert.Empty(_received);
    }

    // Both limits admit two connections here: the gateway's cap (2 in all), or the partner's share (2 of 10 places;
    // every plain connection speaks for the same partner).
    [Theory]
    [InlineData("gateway")]
    [InlineData("partner")]
    public async Task ConnectionsPastALimit_AreClosed_TheAdmittedOnesServed_AndOneIsAdmittedOnceAnotherCloses(string limit)
    {
        var options = new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        options = limit == "gateway" ? options with { MaxConnections = 2 } : options with { MaxConnections = 10, MaxConnectionsPerPartner = 2 };
        await using var gateway = new CotGateway(options, (_, _) => ValueTask.FromResult(true));
        await gateway.StartAsync();
        var first = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await using var second = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await Within(first.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await Within(second.ReceiveTypeAsync(CotTypes.ProtocolSupport));

        // A third is closed without a word (its connect or its first read fails); the two admitted ones are still served.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var third = await Client.ConnectAsync(gateway.PlainEndpoint!);
            await Within(third.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        });
        await WaitFor(() => gateway.Statistics.ConnectionsOverLimit == 1);
        await second.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "still-served"));
        Assert.Equal("still-served", (await Within(second.ReceiveTypeAsync(CotTypes.Pong))).Uid);

        // Once one closes, a new one is admitted.
        await first.DisposeAsync();
        await WaitFor(() => gateway.Statistics.OpenConnections == 1);
        await using var fourth = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await Within(fourth.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        Assert.Equal(1, gateway.Statistics.ConnectionsOverLimit);
    }

    [Fact]
    public async Task AFloodOfEvents_IsThrottledToTheRate_NothingDropped_AndTheConnectionStaysServed()
    {
        var received = new ConcurrentQueue<string>();
        await using var gateway = new CotGateway(
            new CotGatewayOptions { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), MaxMessagesPerSecond = 100 },
            (_, e) =>
            {
                received.Enqueue(e.Uid);
                return ValueTask.FromResult(true);
            });
        await gateway.StartAsync();
        await using var client = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await Within(client.ReceiveTypeAsync(CotTypes.ProtocolSupport));

        // 300 events in one write: the burst allowance (100) passes at once, the rest at 100 a second. What passed is
        // bounded by the burst and the rate times the time since (checked until the burst is spent, however slow the
        // machine; a tenth of a second's worth more for the 100-ms steps).
        var started = System.Diagnostics.Stopwatch.StartNew();
        await client.SendAsync([.. Enumerable.Range(0, 300).SelectMany(i => CotXmlWriter.WriteUtf8(CotSamples.Track($"flood-{i}")))]);
        for (var passed = 0; passed < 100 && started.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
        {
            var elapsed = started.Elapsed.TotalSeconds;
            passed = received.Count;
            Assert.True(passed <= 110 + 100 * elapsed, $"{passed} events passed in {elapsed:F2} s at 100 a second");
        }

        Assert.InRange(received.Count, 100, 299);
        for (var i = 0; i < 100 && received.Count < 300; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"flood-{i}"), received);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"300 events at 100/s took {started.Elapsed}");
        Assert.True(gateway.Statistics.RateLimited >= 10, $"held back {gateway.Statistics.RateLimited} times");

        // The allowance comes back: the same connection is answered again.
        await client.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "after-flood"));
        Assert.Equal("after-flood", (await Within(client.ReceiveTypeAsync(CotTypes.Pong))).Uid);
    }

    [Fact]
    public async Task APartnersConnections_ShareOneAllowance_AnotherPartnerIsNotSlowed()
    {
        using var pki = new TestPki();
        var received = new ConcurrentQueue<(string Partner, string Uid)>();
        int localAtRuFirst = -1, localAtRuLast = -1;
        await using var gateway = new CotGateway(
            pki.Options with
            {
                PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
                PlainPartner = "local",
                MaxMessagesPerSecond = 1000,
                MaxMessagesPerSecondPerPartner = 100,
            },
            (p, e) =>
            {
                if (e.Uid == "ru-0")
                {
                    localAtRuFirst = received.Count(r => r.Partner == "local");
                }
                else if (e.Uid == "ru-89")
                {
                    localAtRuLast = received.Count(r => r.Partner == "local");
                }

                received.Enqueue((p, e.Uid));
                return ValueTask.FromResult(true);
            });
        await gateway.StartAsync();
        await using var first = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await using var second = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await using var other = await ConnectTlsAsync(gateway, pki.Ru);
        foreach (var c in new[] { first, second, other })
        {
            await Within(c.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        }

        // 150 events on each of the local partner's two connections: each is far under its own 1,000 a second, but
        // together they spend the partner's 100 at once and then get 100 a second between them.
        static byte[] Flood(string prefix) => [.. Enumerable.Range(0, 150).SelectMany(i => CotXmlWriter.WriteUtf8(CotSamples.Track($"{prefix}-{i}")))];
        // A token bucket passes at most its burst and its rate times the time since (a tenth of a second's worth more
        // for the 100-ms steps): checked from the start until the burst is spent, however slow the machine is.
        int Local() => received.Count(r => r.Partner == "local");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(first.SendAsync(Flood("a")), second.SendAsync(Flood("b")));
        for (var passed = 0; passed < 100 && started.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
        {
            var elapsed = started.Elapsed.TotalSeconds;
            passed = Local();
            Assert.True(passed <= 110 + 100 * elapsed, $"{passed} of the partner's events passed in {elapsed:F2} s at 100 a second");
        }

        Assert.InRange(Local(), 100, 299);

        // Another partner's 90 events pass on its own allowance while the flood waits: sharing one allowance with the
        // flood's two connections, they would get a third of 100 a second and the flood the rest of its 300 meanwhile.
        await other.SendAsync([.. Enumerable.Range(0, 90).SelectMany(i => CotXmlWriter.WriteUtf8(CotSamples.Track($"ru-{i}")))]);
        await WaitFor(() => received.Any(r => r.Uid == "ru-89"));
        Assert.InRange(localAtRuFirst, 100, 299);
        Assert.True(localAtRuLast - localAtRuFirst < 40, $"the flood passed {localAtRuLast - localAtRuFirst} events while another partner's 90 did");

        for (var i = 0; i < 200 && Local() < 300; i++)
        {
            await Task.Delay(50);
        }

        var local = received.Where(r => r.Partner == "local").Select(r => r.Uid).ToList();
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"a-{i}"), local.Where(u => u.StartsWith("a-", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"b-{i}"), local.Where(u => u.StartsWith("b-", StringComparison.Ordinal)));
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"300 events at 100/s for the partner took {started.Elapsed}");
        Assert.True(gateway.Statistics.RateLimited >= 10, $"held back {gateway.Statistics.RateLimited} times");
    }

    [Fact]
    public async Task Negotiate_ThenProtobufEventsFlowBothWays()
    {
        await using var client = await Client.ConnectAsync(_gateway.PlainEndpoint!);
        await Within(client.ReceiveTypeAsync(CotTypes.ProtocolSupport));

        await client.SendAsync(TakNegotiation.Request(DateTimeOffset.UtcNow, "client-2"));
        var response = await Within(client.ReceiveTypeAsync(CotTypes.ProtocolResponse));
        Assert.True(TakNegotiation.IsAccepted(response));
        client.Mode = TakStreamMode.Protobuf;
        await client.SendAsync(CotSamples.Track("P-1"));
        await WaitFor(() => _received.Any(r => r.Event.Uid == "P-1"));

        Assert.Equal(1, _gateway.SendToPartner("local", CotSamples.Polygon()));
        var back = await Within(client.ReceiveTypeAsync("u-d-f"));
        Assert.Equal(CotSamples.Polygon().Detail.Shape!.Vertices, back.Detail.Shape!.Vertices);
        Assert.Equal(("local", "Fencer 1"), (_received.First(r => r.Event.Uid == "P-1").Partner, _received.First(r => r.Event.Uid == "P-1").Event.Detail.Callsign));
    }

    [Theory]
    [InlineData("bomb")]
    [InlineData("dtd")]
    [InlineData("oversized")]
    [InlineData("garbage")]
    [InlineData("half")]
    [InlineData("truncated-protobuf")]
    [InlineData("huge-varint")]
    public async Task HostileConnection_IsRefusedWhileAnotherIsServed(string attack)
    {
        await using var good = await Client.ConnectAsync(_gateway.PlainEndpoint!);
        await using var bad = await Client.ConnectAsync(_gateway.PlainEndpoint!);
        await Within(good.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await Within(bad.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        var rejectedBefore = _gateway.Statistics.Rejected;

        byte[] payload = attack switch
        {
            "bomb" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + CotSamples.Xml("<point lat=\"1\" lon=\"2\"/><detail><remarks>&c;</remarks></detail>")),
            "dtd" => Encoding.UTF8.GetBytes("<!DOCTYPE event SYSTEM \"http://127.0.0.1:1/x.dtd\">" + CotSamples.Xml("<point lat=\"1\" lon=\"2\"/>")),
            "oversized" => Encoding.UTF8.GetBytes(CotSamples.Xml("<point lat=\"1\" lon=\"2\"/><detail><remarks>" + new string('x', 20000) + "</remarks></detail>")),
            "garbage" => [0x00, 0xFF, 0x13, 0x37, 0x42],
            "half" => Encoding.UTF8.GetBytes("<event uid=\"half\" type=\"a-f-A\" how=\"m-g\"><point lat=\"1\""),
            _ => [],
        };
        if (attack is "truncated-protobuf" or "huge-varint")
        {
            await bad.SendAsync(TakNegotiation.Request(DateTimeOffset.UtcNow, "bad"));
            await Within(bad.ReceiveTypeAsync(CotTypes.ProtocolResponse));
            var encoded = TakProtobuf.Encode(new TakMessage(null, CotSamples.Track("T-1")));
            payload = attack == "huge-varint" ? [0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] : TakFraming.StreamFrame(encoded.AsSpan(0, encoded.Length / 2));
        }

        using var stop = new CancellationTokenSource();
        var keepAlive = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await good.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "keep-alive"));
                await Task.Delay(200);
            }
        });
        await bad.SendAsync(payload);
        for (var i = 0; i < 3; i++)
        {
            await good.SendAsync(CotSamples.Track($"good-{attack}-{i}"));
        }

        await WaitFor(() => _received.Count(r => r.Event.Uid.StartsWith($"good-{attack}-", StringComparison.Ordinal)) == 3);
        if (attack is "half")
        {
            // The idle timeout (5 s) closes the connection holding a half-sent event. (At 2 s, one clean-clone run saw
            // the well-behaved connection, pinging every 200 ms, closed too, 2.6 s after the test process started on
            // 2 cores: most likely a read's continuation waiting that long for a pool thread.)
            Assert.Null(await Within(bad.ReceiveAsync(), 10));
        }
        else if (attack is "oversized" or "garbage" or "huge-varint")
        {
            Assert.Null(await Within(bad.ReceiveAsync(), 5));
            Assert.True(_gateway.Statistics.Rejected > rejectedBefore);
        }
        else
        {
            await WaitFor(() => _gateway.Statistics.Rejected > rejectedBefore);
        }

        Assert.DoesNotContain(_received, r => r.Event.Uid is "half" or "T-1" or "X-1");
        await stop.CancelAsync();
        await keepAlive;
        await good.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "still-there"));
        while ((await Within(good.ReceiveTypeAsync(CotTypes.Pong))).Uid != "still-there")
        {
        }
    }

    [Fact]
    public async Task SlowReader_DropsOldestWithoutStallingOthers()
    {
        await using var slow = await Client.ConnectAsync(_gateway.PlainEndpoint!);
        await using var fast = await Client.ConnectAsync(_gateway.PlainEndpoint!);
        await Within(fast.ReceiveTypeAsync(CotTypes.ProtocolSupport));

        var big = CotSamples.Track("flood") with { Detail = new CotDetail { Remarks = new string('r', 4000) } };
        for (var i = 0; i < 3000; i++)
        {
            _gateway.SendToPartner("local", big);
        }

        await fast.SendAsync(TakNegotiation.Ping(DateTimeOffset.UtcNow, "fast"));
        Assert.Equal("fast", (await Within(fast.ReceiveTypeAsync(CotTypes.Pong), 10)).Uid);
        await WaitFor(() => _gateway.Statistics.OutboundDropped > 0);
    }

    [Fact]
    public async Task Tls_ClientCertificateMapsPartner_UidBoundToFirstPartner_NoCertificateRefused()
    {
        using var pki = new TestPki();
        using var fr = pki.Client("FR");
        var received = new ConcurrentQueue<(string, CotEvent)>();
        await using var gateway = new CotGateway(
            pki.Options with
            {
                MapClientCertificate = c => c.GetNameInfo(X509NameType.SimpleName, false) is var name && name != "XX" ? name : null,
                HandshakeTimeout = TimeSpan.FromSeconds(3),
            },
            (p, e) =>
            {
                received.Enqueue((p, e));
                return ValueTask.FromResult(true);
            });
        await gateway.StartAsync();
        Task<Client> ConnectTls(X509Certificate2? certificate) => ConnectTlsAsync(gateway, certificate);

        await using var ruClient = await ConnectTls(pki.Ru);
        await using var frClient = await ConnectTls(fr);
        await Within(ruClient.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await Within(frClient.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await ruClient.SendAsync(CotSamples.Track("shared-uid"));
        await WaitFor(() => gateway.OwnerOf("shared-uid") == "RU");
        await frClient.SendAsync(CotSamples.Track("shared-uid"));
        await frClient.SendAsync(CotSamples.Track("fr-own"));
        await WaitFor(() => received.Any(r => r.Item2.Uid == "fr-own"));

        Assert.Equal(1, gateway.Statistics.UidConflicts);
        Assert.Equal(["RU"], received.Where(r => r.Item2.Uid == "shared-uid").Select(r => r.Item1));
        Assert.Equal(1, gateway.SendToPartner("FR", CotSamples.Circle()));

        var refused = 0;
        try
        {
            await using var anonymous = await ConnectTls(null);
            refused = await Within(anonymous.ReceiveAsync()) is null ? 1 : 0;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            refused = 1;
        }

        Assert.Equal(1, refused);
        await WaitFor(() => gateway.Statistics.ConnectionsRefused == 1);

        // A certificate of the trusted CA that maps to no partner (the hub maps only registered ones): refused too.
        using var unknown = pki.Client("XX");
        var unknownRefused = 0;
        try
        {
            await using var xx = await ConnectTls(unknown);
            await xx.SendAsync(CotSamples.Track("xx-track"));
            unknownRefused = await Within(xx.ReceiveAsync()) is null ? 1 : 0;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            unknownRefused = 1;
        }

        Assert.Equal(1, unknownRefused);
        await WaitFor(() => gateway.Statistics.ConnectionsRefused == 2);
        Assert.DoesNotContain(received, r => r.Item2.Uid == "xx-track");
    }

    [Fact]
    public async Task AnEventTheCallbackRefused_BindsNoUid_TheRightfulOwnerIsStillServed()
    {
        // The hub refuses TR's position under RU's track id. Had the gateway bound the uid to TR on sight, RU's own
        // positions over CoT would be dropped from then on as uid conflicts, and its track would go stale.
        using var pki = new TestPki();
        var received = new ConcurrentQueue<(string Partner, string Uid)>();
        await using var gateway = new CotGateway(
            pki.Options with { PlainEndpoint = new IPEndPoint(IPAddress.Loopback, 0), PlainPartner = "TR" },
            (p, e) =>
            {
                received.Enqueue((p, e.Uid));
                return ValueTask.FromResult(!(p == "TR" && e.Uid == "ru-jet"));
            });
        await gateway.StartAsync();
        await using var tr = await Client.ConnectAsync(gateway.PlainEndpoint!);
        await using var ruClient = await ConnectTlsAsync(gateway, pki.Ru);
        await Within(tr.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await Within(ruClient.ReceiveTypeAsync(CotTypes.ProtocolSupport));

        await tr.SendAsync(CotSamples.Track("ru-jet"));
        await WaitFor(() => received.Contains(("TR", "ru-jet")));
        Assert.Null(gateway.OwnerOf("ru-jet"));

        await ruClient.SendAsync(CotSamples.Track("ru-jet"));
        await WaitFor(() => received.Contains(("RU", "ru-jet")));
        Assert.Equal("RU", gateway.OwnerOf("ru-jet"));
        Assert.Equal(0, gateway.Statistics.UidConflicts);

        // Once taken as RU's, TR's events under the uid stop at the gateway.
        await tr.SendAsync(CotSamples.Track("ru-jet"));
        await tr.SendAsync(CotSamples.Track("tr-own"));
        await WaitFor(() => received.Contains(("TR", "tr-own")));
        Assert.Equal(1, gateway.Statistics.UidConflicts);
        Assert.Equal(1, received.Count(r => r == ("TR", "ru-jet")));
        Assert.Equal("TR", gateway.OwnerOf("tr-own"));
    }

    [Fact]
    public async Task UnfinishedHandshakes_AreCappedPerAddress_AnotherAddressIsServed()
    {
        using var pki = new TestPki();
        var received = new ConcurrentQueue<(string Partner, string Uid)>();
        await using var gateway = new CotGateway(
            pki.Options with { MaxHandshakesPerAddress = 2, HandshakeTimeout = TimeSpan.FromSeconds(60) },
            (p, e) =>
            {
                received.Enqueue((p, e.Uid));
                return ValueTask.FromResult(true);
            });
        await gateway.StartAsync();

        // Three connections from 127.0.0.1 that never start their handshakes: two are held, the third is reset.
        var idle = new List<Client>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                try
                {
                    idle.Add(await Client.ConnectAsync(gateway.TlsEndpoint!));
                }
                catch (SocketException)
                {
                    // Reset before the connect had finished on this side: the one over the cap.
                }
            }

            await WaitFor(() => gateway.Statistics.ConnectionsOverLimit == 1);

            // Another address is served meanwhile; the held one's own partners wait their turn like anyone from it.
            var other = IPAddress.Parse("127.0.0.2");
            await using (var fromOther = await ConnectTlsAsync(gateway, pki.Ru, other))
            {
                await Within(fromOther.ReceiveTypeAsync(CotTypes.ProtocolSupport));
                await fromOther.SendAsync(CotSamples.Track("ru-from-other"));
                await WaitFor(() => received.Contains(("RU", "ru-from-other")));
            }

            var refused = false;
            try
            {
                await using var fromHeld = await ConnectTlsAsync(gateway, pki.Ru);
                refused = await Within(fromHeld.ReceiveAsync()) is null;
            }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
                refused = true;
            }

            Assert.True(refused);
            Assert.Equal(2, gateway.Statistics.ConnectionsOverLimit);
        }
        finally
        {
            foreach (var c in idle)
            {
                await c.DisposeAsync();
            }
        }

        // Once the unfinished handshakes end (their clients went away), the address has its share back.
        await WaitFor(() => gateway.Statistics.ConnectionsRefused >= 2);
        await using var again = await ConnectTlsAsync(gateway, pki.Ru);
        await Within(again.ReceiveTypeAsync(CotTypes.ProtocolSupport));
        await again.SendAsync(CotSamples.Track("ru-again"));
        await WaitFor(() => received.Contains(("RU", "ru-again")));
    }

    // A test CA, the gateway's server certificate and RU's client certificate. Options: a TLS-only gateway that trusts
    // the CA and maps a certificate to its common name.
    private sealed class TestPki : IDisposable
    {
        private readonly X509Certificate2 _ca;
        private readonly X509Certificate2 _server;

        public TestPki()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=Tahaluf Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            _server = Issue(_ca, "CN=localhost", serverAuth: true);
            Ru = Client("RU");
        }

        public X509Certificate2 Ru { get; }

        public CotGatewayOptions Options => new()
        {
            PlainEndpoint = null,
            TlsEndpoint = new IPEndPoint(IPAddress.Loopback, 0),
            ServerCertificate = _server,
            TrustedClientRoots = [_ca],
            MapClientCertificate = c => c.GetNameInfo(X509NameType.SimpleName, false),
        };

        public X509Certificate2 Client(string partner) => Issue(_ca, "CN=" + partner, serverAuth: false);

        public void Dispose()
        {
            Ru.Dispose();
            _server.Dispose();
            _ca.Dispose();
        }
    }

    private static async Task<Client> ConnectTlsAsync(CotGateway gateway, X509Certificate2? certificate, IPAddress? from = null)
    {
        var client = await Client.ConnectAsync(gateway.TlsEndpoint!, from);
        var ssl = new SslStream(client.Stream, false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = certificate is null ? null : [certificate],
        });
        client.UseStream(ssl);
        return client;
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        // Export and re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12, "t"), "t");
    }
}
