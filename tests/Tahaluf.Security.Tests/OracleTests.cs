namespace Tahaluf.Security.Tests;

/// <summary>The oracle's matching of canaries in output text.</summary>
public sealed class OracleTests
{
    private static readonly ItemSpec Report = new() { Kind = "report", Id = "re-kw11dec4ae55", Owner = "P4" };

    private static Canary Lng => new("36.124213", "vertex lng", Report, 0, Lvl.Envelope, true, 36.124213382);

    [Fact]
    public void Find_NumberDerivedByTheHubWithTheSameLeadingDigits_IsNotTheCanary()
    {
        // World 920473195: a conflict party's track extrapolated 5 s, plus the 0.01° of its encounter box.
        Assert.Null(Oracle.Find("""{"lat":35.47750934076363,"lng":36.12421342009578}""", Lng));
    }

    [Fact]
    public void Find_DerivedNumberWithin1e9RelativeOfThePlantedValue_IsNotTheCanary()
    {
        // World 1479757711: a track's position at entry into a zone plus 0.01°, 2.2e-8° from a third party's vertex.
        var vertex = new Canary("36.122668", "vertex lng", Report, 0, Lvl.Envelope, true, 36.122668262);
        Assert.Null(Oracle.Find("""{"lat":35.47664794688024,"lng":36.122668239712205}""", vertex));
        Assert.Equal(7, Oracle.Find("""{"lng":36.12266826200000004}""", vertex));
    }

    [Theory]
    [InlineData("""{"lng":36.124213382}""")]
    [InlineData("""<point lon="36.12421338200001"/>""")]
    [InlineData("lng 36.1242134 rounded")]
    [InlineData("lng 36.124213 truncated")]
    public void Find_PlantedValuePrintedInFullRoundedOrTruncated_IsFound(string text)
    {
        Assert.Equal(text.IndexOf("36.124213", StringComparison.Ordinal), Oracle.Find(text, Lng));
    }

    [Fact]
    public void Find_DerivedNumberBeforeThePlantedValue_FindsThePlantedValue()
    {
        var text = """[36.12421342009578,36.124213382]""";
        Assert.Equal(text.LastIndexOf("36.124213", StringComparison.Ordinal), Oracle.Find(text, Lng));
    }

    [Fact]
    public void Find_AltitudeInsideALongerNumber_IsNotTheCanary()
    {
        var altitude = new Canary("5050.45", "altitude lower", Report, 0, Lvl.Envelope, true, 5050.45);
        Assert.Null(Oracle.Find("\"value\":5050.4532", altitude));
        Assert.Equal(8, Oracle.Find("\"value\":5050.45,", altitude));
    }

    [Fact]
    public void Find_TextCanary_IsFoundAnywhere()
    {
        var id = new Canary("re-kw11dec4ae55", "id", Report, 0, Lvl.Envelope, false);
        Assert.Equal(9, Oracle.Find("subject: re-kw11dec4ae55/v1", id));
    }
}
