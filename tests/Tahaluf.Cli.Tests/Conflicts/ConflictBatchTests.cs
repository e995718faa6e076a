using System.Globalization;
using System.Text;
using System.Text.Json;
using Tahaluf.Cli.Conflicts;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cli.Tests.Conflicts;

public sealed class ConflictBatchTests
{
    private static string Line(string id, string owner, double lat, double lng, double lowerM = 1000, double upperM = 2000,
        string start = "2015-11-24T07:00:00Z", string end = "2015-11-24T08:00:00Z", double radiusM = 1000) =>
        string.Create(CultureInfo.InvariantCulture,
            $$$$"""{"id":"{{{{id}}}}","owner":"{{{{owner}}}}","volume4d":{"volume":{"outline_circle":{"center":{"lat":{{{{lat}}}},"lng":{{{{lng}}}}},"radius":{"value":{{{{radiusM}}}},"units":"M"}},"altitude_lower":{"value":{{{{lowerM}}}},"reference":"W84","units":"M"},"altitude_upper":{"value":{{{{upperM}}}},"reference":"W84","units":"M"}},"time_start":{"value":"{{{{start}}}}","format":"RFC3339"},"time_end":{"value":"{{{{end}}}}","format":"RFC3339"}}}""");

    private static (int Code, string Output, string Error, string Progress) Run(string input, SeparationMinima? minima = null)
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var progress = new StringWriter();
        var code = ConflictBatch.Run(new StringReader(input), output, error, progress, minima ?? SeparationMinima.Default);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString(), progress.ToString());
    }

    [Fact]
    public void Run_PairsOfDifferentOwners_PrintsSortedOrderedPairs()
    {
        // z1, a1 and m1 overlap; a1 and z1 share an owner so they never conflict with each other.
        var input = string.Join('\n',
            Line("z1", "RU", 35.5, 36.0),
            Line("a1", "RU", 35.5, 36.001),
            Line("m1", "TR", 35.5, 36.002),
            Line("far", "US", 10, 10));
        var (code, output, error, _) = Run(input);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("{\"a\":\"a1\",\"b\":\"m1\"}\n{\"a\":\"m1\",\"b\":\"z1\"}\n", output);
    }

    [Fact]
    public void Run_MinimaOptions_ChangeTheAnswer()
    {
        // 1,000 m radius circles 20 km apart: 18 km gap, beyond 5 NM but within 20 km.
        var input = Line("a", "FR", 35, 36) + "\n" + Line("b", "RU", 35, 36 + 20_000 / (111_320 * Math.Cos(35 * Math.PI / 180)));
        Assert.Equal("", Run(input).Output);
        Assert.Equal("{\"a\":\"a\",\"b\":\"b\"}\n", Run(input, new SeparationMinima(20_000, 304.8, 0)).Output);
    }

    [Fact]
    public void Run_VerticalAndTimeMinima_AreApplied()
    {
        var input = Line("a", "FR", 35, 36, 1000, 2000) + "\n"
            + Line("b", "RU", 35, 36, 2200, 3000, start: "2015-11-24T08:00:00Z", end: "2015-11-24T09:00:00Z");
        Assert.Equal("", Run(input).Output);
        Assert.Equal("", Run(input, new SeparationMinima(9260, 304.8, 0)).Output);
        Assert.Equal("{\"a\":\"a\",\"b\":\"b\"}\n", Run(input, new SeparationMinima(9260, 304.8, 60)).Output);
        Assert.Equal("", Run(input, new SeparationMinima(9260, 100, 60)).Output);
    }

    [Theory]
    [InlineData("{not json", "input.malformed_line")]
    [InlineData("[1,2]", "input.malformed_line")]
    [InlineData("{\"owner\":\"RU\",\"volume4d\":{}}", "input.missing_id")]
    [InlineData("{\"id\":\"x\",\"volume4d\":{}}", "input.missing_owner")]
    [InlineData("{\"id\":\"x\",\"owner\":\"RU\"}", "input.missing_volume4d")]
    public void Run_InvalidLine_ReportsLineAndCodeAndExits2(string bad, string code)
    {
        var input = Line("ok", "RU", 35, 36) + "\n\n" + bad + "\n" + Line("ok2", "TR", 35, 36);
        var (exit, output, error, _) = Run(input);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"line 3: {code}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidVolume_ReportsTheGeometryCodeAndField()
    {
        var swapped = Line("bad", "RU", 136, 35);
        var (exit, _, error, _) = Run(Line("ok", "TR", 35, 36) + "\n" + swapped);

        Assert.Equal(2, exit);
        Assert.StartsWith("line 2: geometry.", error, StringComparison.Ordinal);
        Assert.Contains("lat", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateId_IsRejected()
    {
        var (exit, _, error, _) = Run(Line("x", "RU", 35, 36) + "\n" + Line("x", "TR", 35, 36));
        Assert.Equal(2, exit);
        Assert.StartsWith("line 2: input.duplicate_id: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LargeInput_ReportsProgress()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < ConflictBatch.ProgressThresholdLines + 10; i++)
        {
            // Spread over a wide area so the answer stays small; pairs at the same point have different owners.
            builder.Append(Line(i.ToString("D6", CultureInfo.InvariantCulture), i % 2 == 0 ? "RU" : "TR",
                -60 + (i / 400) * 0.5, -170 + (i % 400) * 0.85, radiusM: 100)).Append('\n');
        }

        var (exit, output, error, progress) = Run(builder.ToString());

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("100,000 lines read", progress, StringComparison.Ordinal);
        Assert.Contains("conflicting pairs written", progress, StringComparison.Ordinal);
        foreach (var l in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(l);
            Assert.True(string.CompareOrdinal(doc.RootElement.GetProperty("a").GetString(), doc.RootElement.GetProperty("b").GetString()) < 0);
        }
    }
}
