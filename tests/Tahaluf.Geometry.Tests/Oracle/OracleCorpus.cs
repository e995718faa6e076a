using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>The generated pairs and PostGIS's verdict on each, built once per test run.</summary>
public sealed class OracleCorpus
{
    /// <summary>Seed of the random pairs; <c>TAHALUF_ORACLE_SEED</c> overrides it to explore other draws.</summary>
    public const int DefaultSeed = 20_151_126;

    public const int RandomPairCount = 2_400;

    private OracleCorpus(int seed, IReadOnlyList<OracleCase> cases, IReadOnlyList<OracleVerdict> verdicts, TimeSpan buildTime)
    {
        Seed = seed;
        Cases = cases;
        Verdicts = verdicts;
        BuildTime = buildTime;
    }

    public int Seed { get; }

    public IReadOnlyList<OracleCase> Cases { get; }

    public IReadOnlyList<OracleVerdict> Verdicts { get; }

    public TimeSpan BuildTime { get; }

    public static async Task<OracleCorpus> BuildAsync(NpgsqlDataSource dataSource)
    {
        var watch = Stopwatch.StartNew();
        var seedText = Environment.GetEnvironmentVariable("TAHALUF_ORACLE_SEED");
        var seed = string.IsNullOrWhiteSpace(seedText) ? DefaultSeed : int.Parse(seedText, CultureInfo.InvariantCulture);
        var oracle = new PostGisOracle(dataSource);
        var cases = new RandomCaseGenerator(seed).Generate(RandomPairCount)
            .Concat(await new AdversarialCaseGenerator(oracle).GenerateAsync())
            .ToArray();
        var verdicts = await oracle.JudgeAsync(cases);
        return new OracleCorpus(seed, cases, verdicts, watch.Elapsed);
    }
}
