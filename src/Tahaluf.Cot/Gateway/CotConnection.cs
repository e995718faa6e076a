using System.Threading.Channels;
using Tahaluf.Cot.Protocol;

namespace Tahaluf.Cot.Gateway;

/// <summary>One client stream: its partner, its output mode and its bounded outbound queue.</summary>
internal sealed class CotConnection
{
    private readonly Channel<byte[]> _outbound;

    public CotConnection(string partner, Stream stream, int capacity, CotGatewayStatistics statistics)
    {
        Partner = partner;
        Stream = stream;
        _outbound = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => statistics.AddOutboundDropped());
    }

    public string Partner { get; }

    public Stream Stream { get; }

    public volatile TakStreamMode OutputMode;

    public CancellationTokenSource Closing { get; } = new();

    public void Enqueue(byte[] message) => _outbound.Writer.TryWrite(message);

    public void Complete() => _outbound.Writer.TryComplete();

    public async Task WriteLoopAsync(TimeSpan writeTimeout)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(Closing.Token).ConfigureAwait(false))
            {
                // A client that stops reading blocks only this loop; past the timeout it is disconnected.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Closing.Token);
                timeout.CancelAfter(writeTimeout);
                await Stream.WriteAsync(message, timeout.Token).ConfigureAwait(false);
                await Stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            await Closing.CancelAsync().ConfigureAwait(false);
        }
    }
}
