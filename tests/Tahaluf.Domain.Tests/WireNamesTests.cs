using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Tests;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData("Envelope")]
    [InlineData("ENVELOPE")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("2")]
    public void TryParse_NotAnExactWireName_Fails(string? text)
    {
        Assert.False(WireNames.TryParse<ReleaseLevel>(text, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Of_UndefinedValue_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WireNames.Of((ItemKind)42));

    [Fact]
    public void Of_MatchesSystemTextJsonSnakeCase()
    {
        var policy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        foreach (var kind in Enum.GetValues<ZoneKind>())
        {
            Assert.Equal(policy.ConvertName(kind.ToString()), WireNames.Of(kind));
        }
    }
}
