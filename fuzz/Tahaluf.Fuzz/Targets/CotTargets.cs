using System.Text;
using Tahaluf.Cot;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Fuzz.Targets;

/// <summary>
/// The CoT decoders. <see cref="CotXmlReader"/> documents "no exception escapes" and <see cref="TakProtobuf.Decode"/>
/// returns a <see cref="CotResult{T}"/>, so every exception is a crash. <see cref="TakStreamBuffer"/> refuses a
/// broken stream with <see cref="FrameStatus.Error"/>, after which the harness stops feeding it, as the gateway does.
/// </summary>
internal static class CotTargets
{
    /// <summary>Small enough that the fuzzer reaches the size limits; the gateway's default is far larger.</summary>
    private const int StreamMaxMessageBytes = 1024;

    private static readonly byte[] EventEnd = Encoding.ASCII.GetBytes("</event>");

    public static string CotXml(byte[] data)
    {
        var result = CotXmlReader.Read(data);
        if (Accepted("cot-xml", result) is not { } cotEvent)
        {
            return result.Error!.Code;
        }

        var written = CotXmlWriter.WriteUtf8(cotEvent);
        var again = CotXmlReader.Read(written);
        if (!again.Success)
        {
            throw new RoundTripException("cot-xml", $"{again.Error} in {VolumeTargets.Clip(Encoding.UTF8.GetString(written))}");
        }

        return "accepted";
    }

    public static string TakProto(byte[] data)
    {
        ReadOnlySpan<byte> payload = data;
        if (TakFraming.TryReadMeshFrame(data, out var meshPayload))
        {
            payload = meshPayload;
        }

        var result = TakProtobuf.Decode(payload);
        if (Accepted("tak-proto", result) is not { } message)
        {
            return result.Error!.Code;
        }

        var encoded = TakProtobuf.Encode(message);
        var again = TakProtobuf.Decode(encoded);
        if (!again.Success)
        {
            throw new RoundTripException("tak-proto", again.Error!.ToString());
        }

        return "accepted";
    }

    /// <summary>
    /// Byte 0 steers the harness: bit 0 starts in protobuf mode, bit 1 switches an XML stream to protobuf after its
    /// first event (as a negotiation does), bits 2–7 give the receive chunk size (1–64 bytes). The rest is the stream.
    /// </summary>
    public static string TakStream(byte[] data)
    {
        if (data.Length == 0)
        {
            return "empty";
        }

        var control = data[0];
        var buffer = new TakStreamBuffer(StreamMaxMessageBytes)
        {
            Mode = (control & 1) == 0 ? TakStreamMode.Xml : TakStreamMode.Protobuf,
        };
        var switchAfterFirst = (control & 2) != 0;
        var chunk = (control >> 2) + 1;
        var input = data.AsSpan(1);
        var taken = 0;
        var decoded = 0;
        while (true)
        {
            var free = buffer.GetFreeSpace();
            if (free.IsEmpty)
            {
                throw new HarnessViolationException("tak-stream", $"GetFreeSpace returned an empty span with {buffer.Buffered} bytes buffered");
            }

            var count = Math.Min(Math.Min(chunk, free.Length), input.Length);
            input[..count].CopyTo(free.Span);
            input = input[count..];
            buffer.Advance(count);
            while (true)
            {
                var status = buffer.TryTake(out var message, out var error);
                if (status == FrameStatus.Error)
                {
                    if (error is null || string.IsNullOrEmpty(error.Code))
                    {
                        throw new HarnessViolationException("tak-stream", "an Error status without an error code");
                    }

                    return $"{taken} messages, then {error.Code}";
                }

                if (status == FrameStatus.NeedMore)
                {
                    break;
                }

                Check(buffer.Mode, message.Span);
                if (buffer.Mode == TakStreamMode.Xml)
                {
                    decoded += CotXmlReader.Read(message.Span).Success ? 1 : 0;
                    if (switchAfterFirst && taken == 0)
                    {
                        buffer.Mode = TakStreamMode.Protobuf;
                    }
                }
                else
                {
                    decoded += TakProtobuf.Decode(message.Span).Success ? 1 : 0;
                }

                taken++;
            }

            if (input.IsEmpty)
            {
                return $"{taken} messages ({decoded} decoded), {buffer.Buffered} bytes left";
            }
        }
    }

    private static void Check(TakStreamMode mode, ReadOnlySpan<byte> message)
    {
        if (message.Length > StreamMaxMessageBytes)
        {
            throw new HarnessViolationException("tak-stream", $"a {message.Length}-byte message passed the {StreamMaxMessageBytes}-byte limit");
        }

        if (mode == TakStreamMode.Xml && (message.IsEmpty || message[0] != (byte)'<' || !message.EndsWith(EventEnd)))
        {
            throw new HarnessViolationException("tak-stream", "an XML message that does not run from '<' to </event>");
        }
    }

    private static T? Accepted<T>(string target, CotResult<T> result)
        where T : class
    {
        if (result.Success)
        {
            return result.Value ?? throw new HarnessViolationException(target, "success without a value");
        }

        if (string.IsNullOrEmpty(result.Error!.Code))
        {
            throw new HarnessViolationException(target, "an error without a code");
        }

        return null;
    }
}
