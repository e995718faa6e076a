using BenchmarkDotNet.Attributes;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Protocol;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Benchmarks.Cot;

/// <summary>
/// Ingest cost per event on one thread: frame cutting plus parsing of a typical track report (a-f-A-M-F with
/// contact, track and remarks), as CoT XML and as TAK protocol v1 stream frames. 1,000 events per invocation.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CotIngestBenchmarks
{
    private const int Events = 1000;
    private byte[] _xmlStream = [];
    private byte[] _protoStream = [];

    [GlobalSetup]
    public void Setup()
    {
        var time = new DateTimeOffset(2015, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var xml = new List<byte>();
        var proto = new List<byte>();
        for (var i = 0; i < Events; i++)
        {
            var e = new CotEvent($"RU-{i}", "a-f-A-M-F", "m-g", time, time, time.AddMinutes(2),
                new CotPoint(35 + (i * 1e-4), 36, 6000, 10, 10),
                new CotDetail { Callsign = $"Fencer {i}", CourseDeg = 271.5, SpeedMps = 220, Remarks = "patrol" });
            xml.AddRange(CotXmlWriter.WriteUtf8(e));
            proto.AddRange(TakFraming.StreamFrame(TakProtobuf.Encode(new TakMessage(null, e))));
        }

        _xmlStream = [.. xml];
        _protoStream = [.. proto];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int XmlEvents() => Ingest(_xmlStream, TakStreamMode.Xml);

    [Benchmark(OperationsPerInvoke = Events)]
    public int ProtobufEvents() => Ingest(_protoStream, TakStreamMode.Protobuf);

    private static int Ingest(byte[] stream, TakStreamMode mode)
    {
        var buffer = new TakStreamBuffer(64 * 1024) { Mode = mode };
        var count = 0;
        var offset = 0;
        while (offset < stream.Length)
        {
            var space = buffer.GetFreeSpace().Span;
            var n = Math.Min(space.Length, Math.Min(16 * 1024, stream.Length - offset));
            stream.AsSpan(offset, n).CopyTo(space);
            buffer.Advance(n);
            offset += n;
            while (buffer.TryTake(out var message, out _) == FrameStatus.Frame)
            {
                var ok = mode == TakStreamMode.Xml ? CotXmlReader.Read(message.Span).Success : TakProtobuf.Decode(message.Span).Success;
                count += ok ? 1 : 0;
            }
        }

        return count;
    }
}
