using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Protocol;

namespace Tahaluf.Cot.Tests.Protocol;

public class TakProtobufTests
{
    [Fact]
    public void Decode_EncodedEvents_RoundTrip()
    {
        foreach (var original in new[] { CotSamples.Track(), CotSamples.Polygon(), CotSamples.Circle() })
        {
            var decoded = TakProtobuf.Decode(TakProtobuf.Encode(new TakMessage(null, original)));

            Assert.True(decoded.Success, decoded.Error?.ToString());
            var e = decoded.Value.Event!;
            Assert.Equal(original with { Detail = CotDetail.Empty }, e with { Detail = CotDetail.Empty });
            Assert.Equal(original.Detail.Callsign, e.Detail.Callsign);
            Assert.Equal(original.Detail.SpeedMps, e.Detail.SpeedMps);
            Assert.Equal(original.Detail.CourseDeg, e.Detail.CourseDeg);
            Assert.Equal(original.Detail.Remarks, e.Detail.Remarks);
            Assert.Equal(original.Detail.Shape?.Vertices, e.Detail.Shape?.Vertices);
            Assert.Equal(original.Detail.MaxAltitudeM, e.Detail.MaxAltitudeM);
        }
    }

    [Fact]
    public void Encode_KnownEvent_UsesOfficialFieldNumbers()
    {
        var bytes = TakProtobuf.Encode(new TakMessage(new TakControl(1, 1), CotSamples.Track()));

        // TakMessage.takControl = 1 (tag 0x0A) then cotEvent = 2 (tag 0x12); CotEvent.type = 1 (0x0A) "a-f-A-M-F".
        Assert.Equal(0x0A, bytes[0]);
        Assert.Equal(4, bytes[1]);
        Assert.Equal(new byte[] { 0x08, 1, 0x10, 1 }, bytes[2..6]);
        Assert.Equal(0x12, bytes[6]);
        var eventStart = 6 + 1 + (bytes[7] >= 0x80 ? 2 : 1);
        Assert.Equal(0x0A, bytes[eventStart]);
        Assert.Equal("a-f-A-M-F"u8.ToArray(), bytes[(eventStart + 2)..(eventStart + 11)]);
    }

    [Fact]
    public void Decode_EveryTruncation_ReturnsErrorNotException()
    {
        var bytes = TakProtobuf.Encode(new TakMessage(null, CotSamples.Polygon()));
        var failures = 0;
        for (var n = 1; n < bytes.Length; n++)
        {
            var decoded = TakProtobuf.Decode(bytes.AsSpan(0, n));
            if (!decoded.Success)
            {
                failures++;
            }
        }

        Assert.True(failures > bytes.Length / 2, $"{failures} of {bytes.Length}");
    }

    [Fact]
    public void Decode_HugeLengthOrVarint_Refused()
    {
        byte[] hugeLength = [0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0A];
        byte[] longVarint = [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        Assert.Equal(CotErrorCodes.MalformedProtobuf, TakProtobuf.Decode(hugeLength).Error!.Code);
        Assert.Equal(CotErrorCodes.MalformedProtobuf, TakProtobuf.Decode(longVarint).Error!.Code);
    }

    [Property(MaxTest = 500)]
    public Property Decode_ArbitraryBytes_NeverThrows(byte[] bytes) =>
        Prop.ToProperty(TakProtobuf.Decode(bytes ?? []) is var r && (r.Success || r.Error.Code.Length > 0));

    [Fact]
    public void MeshFrame_RoundTrips()
    {
        var payload = TakProtobuf.Encode(new TakMessage(null, CotSamples.Track()));

        Assert.True(TakFraming.TryReadMeshFrame(TakFraming.MeshFrame(payload), out var back));
        Assert.Equal(payload, back.ToArray());
        Assert.False(TakFraming.TryReadMeshFrame([0xBF, 2, 0xBF, 1], out _));
    }
}
