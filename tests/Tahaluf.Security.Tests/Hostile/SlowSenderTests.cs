using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tahaluf.Security.Tests.Hostile;

/// <summary>
/// Slow senders (slowloris) on HTTP and CoT are cut off by the server's timeouts, set short here, while other
/// clients are served meanwhile; what the slow sender was sending is not stored.
/// </summary>
public sealed class SlowSenderTests : IAsyncLifetime
{
    private HostileHub _hub = null!;

    public async Task InitializeAsync() => _hub = await HostileHub.StartAsync(
        s => s with { RequestHeadersTimeout = TimeSpan.FromSeconds(2), MinRequestBodyBytesPerSecond = 100, MinRequestBodyGracePeriod = TimeSpan.FromSeconds(2) },
        c => new Cot.Gateway.CotGatewayOptions
        {
            PlainEndpoint = c.PlainEndpoint,
            PlainPartner = c.PlainPartner,
            TimeProvider = c.TimeProvider,
            IdleTimeout = TimeSpan.FromSeconds(1),
            MessageTimeout = TimeSpan.FromSeconds(2),
        });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Http_HeadersByteByByte_ConnectionClosedAfterHeadersTimeout()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _hub.BaseAddress.Port);
        var stream = client.GetStream();
        var trickle = Encoding.ASCII.GetBytes("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + _hub.TokenA + "\r\nX-Padding: " + new string('p', 200) + "\r\n\r\n");
        var watch = Stopwatch.StartNew();
        var closed = TrickleUntilClosedAsync(stream, trickle, TimeSpan.FromMilliseconds(100));
        await _hub.AssertServesWellBehavedPartnerAsync();
        var (response, sent) = await closed;
        watch.Stop();

        Assert.True(sent < trickle.Length, $"the server waited for all {trickle.Length} bytes ({watch.Elapsed})");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"closed after {watch.Elapsed}");
        Assert.DoesNotContain("200 OK", response, StringComparison.Ordinal);
        await _hub.AssertServesWellBehavedPartnerAsync();
    }

    [Fact]
    public async Task Http_BodyAtOneBytePerSecond_Is408AndNothingStored()
    {
        var before = _hub.Footprint();
        var body = Encoding.UTF8.GetBytes(Bodies.Operation(Bodies.Square(35.0, 36.0)));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _hub.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT /api/v1/operations/slow-body HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {_hub.TokenA}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        var watch = Stopwatch.StartNew();
        var closed = TrickleUntilClosedAsync(stream, body, TimeSpan.FromSeconds(1));
        await _hub.AssertServesWellBehavedPartnerAsync();
        var (response, sent) = await closed;
        watch.Stop();

        Assert.True(sent < body.Length, "the server waited for the whole body");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"closed after {watch.Elapsed}");
        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request.timeout\"", response, StringComparison.Ordinal);
        Assert.Equal(before.Ledger + 1, _hub.Footprint().Ledger);
        Assert.Null(_hub.Server.Hub.GetItem("PA", Domain.Items.ItemKind.Operation, "slow-body", out _));
    }

    [Fact]
    public async Task Cot_SilentClient_IsDisconnectedAfterIdleTimeout()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        var watch = Stopwatch.StartNew();
        var closed = ReadUntilClosedAsync(client.GetStream(), TimeSpan.FromSeconds(15));
        await _hub.AssertCotServesAsync("cot-while-silent");
        Assert.True(await closed, "the gateway kept a silent connection open for 15 s");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"closed after {watch.Elapsed}");
    }

    [Fact]
    public async Task Cot_TricklingClient_IsDisconnectedAfterMessageTimeout()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_hub.CotEndpoint);
        var stream = client.GetStream();
        var trickle = Encoding.UTF8.GetBytes(Bodies.CotPosition("cot-trickled"));
        var watch = Stopwatch.StartNew();
        var closed = TrickleUntilClosedAsync(stream, trickle, TimeSpan.FromMilliseconds(300));
        await _hub.AssertCotServesAsync("cot-while-trickling");
        var (_, sent) = await closed;
        watch.Stop();

        Assert.True(sent < trickle.Length, $"the gateway read all {trickle.Length} trickled bytes ({watch.Elapsed})");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"closed after {watch.Elapsed}");
        Assert.Null(_hub.Server.Hub.Tracks.Get("cot-trickled"));
    }

    /// <summary>Sends one byte per interval until the peer closes (or everything is sent); returns what came back and how many bytes went out.</summary>
    private static async Task<(string Response, int Sent)> TrickleUntilClosedAsync(NetworkStream stream, byte[] bytes, TimeSpan interval)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        var reading = stream.ReadAsync(buffer).AsTask();
        var sent = 0;
        var peerClosed = false;
        try
        {
            for (; sent < bytes.Length && !peerClosed; sent++)
            {
                await stream.WriteAsync(bytes.AsMemory(sent, 1));
                var done = await Task.WhenAny(reading, Task.Delay(interval));
                while (done == reading && !peerClosed)
                {
                    var n = await reading;
                    if (n == 0)
                    {
                        peerClosed = true;
                        break;
                    }

                    received.Append(Encoding.UTF8.GetString(buffer, 0, n));
                    reading = stream.ReadAsync(buffer).AsTask();
                    done = await Task.WhenAny(reading, Task.Delay(TimeSpan.Zero));
                }
            }
        }
        catch (IOException)
        {
            peerClosed = true;
        }

        if (!peerClosed)
        {
            return (received.ToString(), bytes.Length);
        }

        return (received.ToString(), sent);
    }

    private static async Task<bool> ReadUntilClosedAsync(NetworkStream stream, TimeSpan limit)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
