using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Ledger.Checkpoints;

namespace Tahaluf.Ledger.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private const string Root = "tpcyzlyRQWLKmsz69OldP5h01ogFQ3CIqv8YSk25Z3M=";

    [Fact]
    public void Parse_WithExtensionLines_RoundTrips()
    {
        var text = $"example.com/behind-the-sofa\n20852163\n{Root}\nextension one\nsecond\n";

        var result = Checkpoint.Parse(text);

        Assert.True(result.Success);
        Assert.Equal("example.com/behind-the-sofa", result.Value.Origin);
        Assert.Equal(20852163, result.Value.Size);
        Assert.Equal(["extension one", "second"], result.Value.Extensions);
        Assert.Equal(text, result.Value.ToText());
    }

    [Fact]
    public void Parse_EmptyTree_SizeZeroAccepted()
    {
        Assert.Equal(0, Checkpoint.Parse($"log\n0\n{Root}\n").Value?.Size);
    }

    [Theory]
    [InlineData("log\n8\n" + Root)]
    [InlineData("log\n8\n")]
    [InlineData("\n8\n" + Root + "\n")]
    [InlineData("log\n08\n" + Root + "\n")]
    [InlineData("log\n+8\n" + Root + "\n")]
    [InlineData("log\n-8\n" + Root + "\n")]
    [InlineData("log\n 8\n" + Root + "\n")]
    [InlineData("log\n9223372036854775808\n" + Root + "\n")]
    [InlineData("log\n8\ntpcyzlyRQWLKmsz69OldP5h01ogFQ3CIqv8YSk25Z3=\n")]
    [InlineData("log\n8\ntpcyzlyRQWLKmsz69OldP5h01ogFQ3CIqv8YSk25Z3M\n")]
    [InlineData("log\n8\nAAAA\n")]
    [InlineData("log\n8\n" + Root + "\n\n")]
    [InlineData("log\n8\n" + Root + "\next\n\n")]
    public void Parse_MalformedBody_Fails(string text)
    {
        var result = Checkpoint.Parse(text);

        Assert.False(result.Success);
        Assert.Equal(LedgerErrorCodes.MalformedCheckpoint, result.Error.Code);
    }

    [Property(MaxTest = 300)]
    public Property Parse_ArbitraryText_NeverThrows(string text)
    {
        var result = Checkpoint.Parse(text);
        return (result.Success || result.Error!.Code == LedgerErrorCodes.MalformedCheckpoint).ToProperty();
    }
}
