namespace Tahaluf.Cli.Tests;

public sealed class ProgramTests
{
    public static TheoryData<string[]> Commands() => new()
    {
        Array.Empty<string>(),
        new[] { "conflicts" },
        new[] { "serve" },
        new[] { "partner", "add" },
        new[] { "agreement", "set" },
        new[] { "verify" },
        new[] { "witness" },
        new[] { "demo" },
        new[] { "import" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryCommand_PrintsUsageAndExits0(string[] command)
    {
        var (code, output, _) = CliProcess.Run("", [.. command, "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicts_FromStandardInput_PrintsPairs()
    {
        const string a = """{"id":"b","owner":"RU","volume4d":{"volume":{"outline_polygon":{"vertices":[{"lat":35.0,"lng":36.0},{"lat":35.0,"lng":36.1},{"lat":35.1,"lng":36.1},{"lat":35.1,"lng":36.0}]},"altitude_lower":{"value":5000,"reference":"W84","units":"M"},"altitude_upper":{"value":7000,"reference":"W84","units":"M"}},"time_start":{"value":"2015-11-24T07:00:00Z","format":"RFC3339"},"time_end":{"value":"2015-11-24T08:00:00Z","format":"RFC3339"}}}""";
        const string b = """{"id":"a","owner":"TR","volume4d":{"volume":{"outline_circle":{"center":{"lat":35.12,"lng":36.05},"radius":{"value":1000,"units":"M"}},"altitude_lower":{"value":19000,"reference":"W84","units":"FT"},"altitude_upper":{"value":21000,"reference":"W84","units":"FT"}},"time_start":{"value":"2015-11-24T07:20:00Z","format":"RFC3339"},"time_end":{"value":"2015-11-24T07:30:00Z","format":"RFC3339"}}}""";

        var (code, output, error) = CliProcess.Run(a + "\n" + b + "\n", "conflicts", "--input", "-");

        Assert.True(code == 0, error);
        Assert.Equal("{\"a\":\"a\",\"b\":\"b\"}\n", output);
    }

    [Fact]
    public void Conflicts_MissingFile_ExplainsAndExits2()
    {
        var (code, _, error) = CliProcess.Run("", "conflicts", "--input", "/nonexistent/volumes.ndjson");
        Assert.Equal(2, code);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_WebhookAllowNetworkThatIsNoCidr_ExplainsAndExits2()
    {
        var dir = Directory.CreateTempSubdirectory("tahaluf-cli-").FullName;
        try
        {
            var (code, _, error) = CliProcess.Run("", "serve", "--data-dir", dir, "--cot", "none", "--webhook-allow-network", "10.0.0.0/33");
            Assert.Equal(2, code);
            Assert.Contains("--webhook-allow-network '10.0.0.0/33' is not a network in CIDR notation", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--cot-max-connections", "0")]
    [InlineData("--cot-max-connections-per-partner", "0")]
    [InlineData("--cot-max-rate", "-5")]
    [InlineData("--cot-max-rate-per-partner", "0")]
    [InlineData("--cot-max-handshakes-per-address", "0")]
    public void Serve_CotLimitBelowOne_ExitsWithTheOptionNamed(string option, string value)
    {
        var dir = Directory.CreateTempSubdirectory("tahaluf-cli-").FullName;
        try
        {
            var (code, _, error) = CliProcess.Run("", "serve", "--data-dir", dir, "--cot", "none", option, value);
            Assert.Equal(2, code);
            Assert.Contains($"{option} must be at least 1 (got {value})", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("NaN")]
    public void Serve_CommitGatherOutOfRange_ExitsWithTheOptionNamed(string value)
    {
        var dir = Directory.CreateTempSubdirectory("tahaluf-cli-").FullName;
        try
        {
            var (code, _, error) = CliProcess.Run("", "serve", "--data-dir", dir, "--cot", "none", "--commit-gather-ms", value);
            Assert.Equal(2, code);
            Assert.Contains("--commit-gather-ms must be between 0 and 100 milliseconds", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
