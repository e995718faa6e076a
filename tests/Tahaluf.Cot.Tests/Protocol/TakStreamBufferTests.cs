using System.Text;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Tests.Protocol;

public class TakStreamBufferTests
{
    private static void Feed(TakStreamBuffer buffer, ReadOnlySpan<byte> bytes)
    {
        var space = buffer.GetFreeSpace();
        bytes.CopyTo(space.Span);
        buffer.Advance(bytes.Length);
    }

    [Fact]
    public void TryTake_EventsSplitAcrossReads_YieldsEachWhole()
    {
        var one = CotXmlWriter.WriteUtf8(CotSamples.Track("A"));
        var two = CotXmlWriter.WriteUtf8(CotSamples.Track("B"));
        var all = one.Concat("\n"u8.ToArray()).Concat(two).ToArray();
        var buffer = new TakStreamBuffer(4096);
        var uids = new List<string>();
        for (var i = 0; i < all.Length; i += 7)
        {
            Feed(buffer, all.AsSpan(i, Math.Min(7, all.Length - i)));
            while (buffer.TryTake(out var message, out _) == FrameStatus.Frame)
            {
                uids.Add(CotXmlReader.Read(message.Span).Value!.Uid);
            }
        }

        Assert.Equal(["A", "B"], uids);
    }

    [Fact]
    public void TryTake_EventLongerThanLimit_ErrorBeforeItEnds()
    {
        var buffer = new TakStreamBuffer(1024);
        Feed(buffer, Encoding.ASCII.GetBytes("<event uid=\"x\">" + new string('a', 1100)));

        Assert.Equal(FrameStatus.Error, buffer.TryTake(out _, out var error));
        Assert.Equal(CotErrorCodes.TooLarge, error!.Code);
    }

    [Fact]
    public void TryTake_Garbage_Error()
    {
        var buffer = new TakStreamBuffer(1024);
        Feed(buffer, [0x00, 0x01, 0xFE, 0x41]);

        Assert.Equal(FrameStatus.Error, buffer.TryTake(out _, out var error));
        Assert.Equal(CotErrorCodes.BadFrame, error!.Code);
    }

    [Fact]
    public void TryTake_ProtobufFrames_SplitAndWhole()
    {
        var payload = TakProtobuf.Encode(new TakMessage(null, CotSamples.Track()));
        var frame = TakFraming.StreamFrame(payload);
        var buffer = new TakStreamBuffer(4096) { Mode = TakStreamMode.Protobuf };

        Feed(buffer, frame.AsSpan(0, 1));
        Assert.Equal(FrameStatus.NeedMore, buffer.TryTake(out _, out _));
        Feed(buffer, frame.AsSpan(1));
        Assert.Equal(FrameStatus.Frame, buffer.TryTake(out var message, out _));
        Assert.Equal(payload, message.ToArray());
    }

    [Fact]
    public void TryTake_HugeAnnouncedLengthOrLongVarint_Error()
    {
        var buffer = new TakStreamBuffer(4096) { Mode = TakStreamMode.Protobuf };
        Feed(buffer, [0xBF, 0xFF, 0xFF, 0xFF, 0x7F]);
        Assert.Equal(FrameStatus.Error, buffer.TryTake(out _, out var error));
        Assert.Equal(CotErrorCodes.TooLarge, error!.Code);

        var endless = new TakStreamBuffer(4096) { Mode = TakStreamMode.Protobuf };
        Feed(endless, [0xBF, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]);
        Assert.Equal(FrameStatus.Error, endless.TryTake(out _, out _));
    }
}
