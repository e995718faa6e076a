using Tahaluf.Cot.Events;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Tests.Xml;

public class CotXmlReaderTests
{
    [Fact]
    public void Read_WrittenTrack_RoundTrips()
    {
        var original = CotSamples.Track();

        var read = CotXmlReader.Read(CotXmlWriter.Write(original));

        Assert.True(read.Success, read.Error?.ToString());
        Assert.Equal(original, read.Value);
    }

    [Fact]
    public void Read_WrittenShapes_RoundTrip()
    {
        foreach (var original in new[] { CotSamples.Polygon(), CotSamples.Circle() })
        {
            var read = CotXmlReader.Read(CotXmlWriter.WriteUtf8(original));

            Assert.True(read.Success, read.Error?.ToString());
            Assert.Equal(original.Detail.Shape!.Kind, read.Value.Detail.Shape!.Kind);
            Assert.Equal(original.Detail.Shape.Vertices, read.Value.Detail.Shape.Vertices);
            Assert.Equal(original.Detail.Shape.MajorM, read.Value.Detail.Shape.MajorM);
            Assert.Equal(original.Detail.MaxAltitudeM, read.Value.Detail.MaxAltitudeM);
            Assert.Equal(original with { Detail = CotDetail.Empty }, read.Value with { Detail = CotDetail.Empty });
        }
    }

    [Fact]
    public void Read_UnknownDetailChildren_KeptVerbatim()
    {
        var xml = CotSamples.Xml("<point lat=\"1\" lon=\"2\" hae=\"3\" ce=\"4\" le=\"5\"/><detail><__group name=\"Cyan\" role=\"Team Member\"/><takv os=\"34\"/></detail>");

        var read = CotXmlReader.Read(xml);

        Assert.True(read.Success);
        Assert.Contains("__group", read.Value.Detail.OtherXml, StringComparison.Ordinal);
        Assert.Contains("Cyan", CotXmlWriter.Write(read.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BillionLaughs_RefusedWithoutExpansion()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <event uid="&lol4;" type="a-f-A" how="m-g" time="2015-11-26T10:00:00Z" start="2015-11-26T10:00:00Z" stale="2015-11-26T10:05:00Z"><point lat="1" lon="2"/></event>
            """;

        var read = CotXmlReader.Read(bomb);

        Assert.False(read.Success);
        Assert.Equal(CotErrorCodes.MalformedXml, read.Error.Code);
    }

    [Fact]
    public void Read_ExternalEntity_Refused()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <event uid="x" type="a-f-A" how="m-g" time="2015-11-26T10:00:00Z" start="2015-11-26T10:00:00Z" stale="2015-11-26T10:05:00Z"><point lat="1" lon="2"/><detail><remarks>&xxe;</remarks></detail></event>
            """;

        var read = CotXmlReader.Read(xxe);

        Assert.False(read.Success);
        Assert.Equal(CotErrorCodes.MalformedXml, read.Error.Code);
    }

    [Fact]
    public void Read_Oversized_Refused()
    {
        var xml = CotSamples.Xml("<point lat=\"1\" lon=\"2\"/><detail><remarks>" + new string('a', 70000) + "</remarks></detail>");

        var read = CotXmlReader.Read(xml);

        Assert.Equal(CotErrorCodes.TooLarge, read.Error!.Code);
    }

    [Theory]
    [InlineData("<point lat=\"91\" lon=\"2\"/>", CotErrorCodes.InvalidField)]
    [InlineData("<point lat=\"1,5\" lon=\"2\"/>", CotErrorCodes.InvalidField)]
    [InlineData("<detail/>", CotErrorCodes.MissingField)]
    [InlineData("<point lat=\"1\" lon=\"2\"/><detail><link point=\"x,y\"/></detail>", CotErrorCodes.InvalidField)]
    [InlineData("<point lat=\"1\" lon=\"2\"><unclosed></point>", CotErrorCodes.MalformedXml)]
    public void Read_BadEvent_ReturnsErrorCode(string body, string code)
    {
        var read = CotXmlReader.Read(CotSamples.Xml(body));

        Assert.False(read.Success);
        Assert.Equal(code, read.Error.Code);
    }

    [Fact]
    public void Read_RandomBytes_NeverThrows()
    {
        var random = new Random(5);
        var valid = CotXmlWriter.WriteUtf8(CotSamples.Track());
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var read = CotXmlReader.Read(bytes.AsSpan(0, random.Next(bytes.Length + 1)));
            Assert.True(read.Success || read.Error.Code.Length > 0);
        }
    }
}
