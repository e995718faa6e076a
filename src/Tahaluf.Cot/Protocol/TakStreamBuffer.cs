using System.Text;

namespace Tahaluf.Cot.Protocol;

/// <summary>
/// The bounded receive buffer of one TAK stream, which cuts the bytes into messages: in XML mode each message
/// ends with <c>&lt;/event&gt;</c>; in protobuf mode each is a stream frame (see <see cref="TakFraming"/>). The
/// buffer never grows beyond the capacity given, and a message longer than <c>maxMessageBytes</c> is an error
/// before it is complete. Not thread-safe: one reader per connection.
/// </summary>
public sealed class TakStreamBuffer
{
    private static readonly byte[] EventEnd = Encoding.ASCII.GetBytes("</event>");

    private readonly byte[] _buffer;
    private readonly int _maxMessageBytes;
    private int _start;
    private int _end;
    private int _scanned;

    /// <summary>A buffer for messages of at most <paramref name="maxMessageBytes"/> bytes.</summary>
    /// <param name="maxMessageBytes">Largest message in bytes, at least 64; the buffer holds twice that.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is below 64.</exception>
    public TakStreamBuffer(int maxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 64);
        _maxMessageBytes = maxMessageBytes;
        _buffer = new byte[(maxMessageBytes * 2) + 16];
    }

    /// <summary>XML or protobuf; switched by the caller after a negotiation.</summary>
    public TakStreamMode Mode { get; set; }

    /// <summary>Bytes received and not yet taken.</summary>
    public int Buffered => _end - _start;

    /// <summary>The free space to receive into; call <see cref="Advance"/> with the number of bytes written.</summary>
    /// <returns>A non-empty span of memory.</returns>
    public Memory<byte> GetFreeSpace()
    {
        if (_end == _buffer.Length || (_start > 0 && _buffer.Length - _end < _maxMessageBytes))
        {
            Compact();
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were written into the free space.</summary>
    /// <param name="count">Bytes written, at most the free space.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>Takes the next complete message, if there is one.</summary>
    /// <param name="message">The message (XML event bytes or the protobuf payload), valid until the next call on this buffer.</param>
    /// <param name="error">The reason when the status is <see cref="FrameStatus.Error"/>.</param>
    /// <returns>Whether a message was taken, more bytes are needed, or the stream is broken.</returns>
    public FrameStatus TryTake(out ReadOnlyMemory<byte> message, out CotError? error)
    {
        message = default;
        error = null;
        return Mode == TakStreamMode.Xml ? TakeXml(out message, out error) : TakeFrame(out message, out error);
    }

    private FrameStatus TakeXml(out ReadOnlyMemory<byte> message, out CotError? error)
    {
        message = default;
        error = null;
        while (_start < _end && IsSpace(_buffer[_start]))
        {
            _start++;
        }

        _scanned = Math.Max(_scanned, _start);
        if (_start == _end)
        {
            return FrameStatus.NeedMore;
        }

        if (_buffer[_start] != (byte)'<')
        {
            error = new CotError(CotErrorCodes.BadFrame, "The stream holds bytes that cannot start an XML event.");
            return FrameStatus.Error;
        }

        var from = Math.Max(_start, _scanned - EventEnd.Length + 1);
        var found = _buffer.AsSpan(from, _end - from).IndexOf(EventEnd);
        if (found < 0)
        {
            _scanned = _end;
            if (_end - _start > _maxMessageBytes)
            {
                error = new CotError(CotErrorCodes.TooLarge, $"An XML event is longer than {_maxMessageBytes} bytes.");
                return FrameStatus.Error;
            }

            return FrameStatus.NeedMore;
        }

        var stop = from + found + EventEnd.Length;
        if (stop - _start > _maxMessageBytes)
        {
            error = new CotError(CotErrorCodes.TooLarge, $"An XML event is longer than {_maxMessageBytes} bytes.");
            return FrameStatus.Error;
        }

        message = _buffer.AsMemory(_start, stop - _start);
        _start = stop;
        _scanned = stop;
        return FrameStatus.Frame;
    }

    private FrameStatus TakeFrame(out ReadOnlyMemory<byte> message, out CotError? error)
    {
        message = default;
        error = null;
        if (_start == _end)
        {
            return FrameStatus.NeedMore;
        }

        if (_buffer[_start] != TakFraming.Magic)
        {
            error = new CotError(CotErrorCodes.BadFrame, "A TAK protocol frame must start with 0xBF.");
            return FrameStatus.Error;
        }

        ulong length = 0;
        var p = _start + 1;
        for (var shift = 0; ; shift += 7)
        {
            if (p == _end)
            {
                return FrameStatus.NeedMore;
            }

            if (shift > 28)
            {
                error = new CotError(CotErrorCodes.TooLarge, "The frame length varint is longer than 5 bytes.");
                return FrameStatus.Error;
            }

            var b = _buffer[p++];
            length |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if (length > (ulong)_maxMessageBytes)
        {
            error = new CotError(CotErrorCodes.TooLarge, $"A frame announces {length} bytes; the limit is {_maxMessageBytes}.");
            return FrameStatus.Error;
        }

        if ((ulong)(_end - p) < length)
        {
            return FrameStatus.NeedMore;
        }

        message = _buffer.AsMemory(p, (int)length);
        _start = p + (int)length;
        _scanned = _start;
        return FrameStatus.Frame;
    }

    private void Compact()
    {
        var count = _end - _start;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, count);
        _scanned -= _start;
        _scanned = Math.Max(_scanned, 0);
        _start = 0;
        _end = count;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0;
}
