namespace Tahaluf.Cot.Protocol;

/// <summary>
/// TAK protocol v1 framing. Stream (TCP/TLS): the magic byte 0xBF, the payload length as a protobuf varint, then
/// the payload. Mesh (UDP): 0xBF, the version as a varint (1), 0xBF, then the payload. Thread-safe (stateless).
/// </summary>
public static class TakFraming
{
    /// <summary>The magic byte that starts every TAK protocol frame.</summary>
    public const byte Magic = 0xBF;

    /// <summary>A stream frame around a payload.</summary>
    /// <param name="payload">Protobuf TakMessage bytes.</param>
    /// <returns>0xBF, varint length, payload.</returns>
    public static byte[] StreamFrame(ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[6];
        header[0] = Magic;
        var n = 1;
        var length = (uint)payload.Length;
        while (length >= 0x80)
        {
            header[n++] = (byte)(length | 0x80);
            length >>= 7;
        }

        header[n++] = (byte)length;
        var frame = new byte[n + payload.Length];
        header[..n].CopyTo(frame);
        payload.CopyTo(frame.AsSpan(n));
        return frame;
    }

    /// <summary>A mesh (UDP) frame around a payload, protocol version 1.</summary>
    /// <param name="payload">Protobuf TakMessage bytes.</param>
    /// <returns>0xBF 0x01 0xBF, payload.</returns>
    public static byte[] MeshFrame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[3 + payload.Length];
        frame[0] = Magic;
        frame[1] = 1;
        frame[2] = Magic;
        payload.CopyTo(frame.AsSpan(3));
        return frame;
    }

    /// <summary>The payload of a mesh frame, or false when the header is not 0xBF 0x01 0xBF.</summary>
    /// <param name="frame">A whole datagram.</param>
    /// <param name="payload">The payload.</param>
    /// <returns>True for a version 1 mesh frame.</returns>
    public static bool TryReadMeshFrame(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (frame.Length < 3 || frame[0] != Magic || frame[1] != 1 || frame[2] != Magic)
        {
            return false;
        }

        payload = frame[3..];
        return true;
    }
}
