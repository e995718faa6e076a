using Tahaluf.Geometry.Separation;
using Xunit.Abstractions;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// The separation engine against PostGIS <c>geography</c> on the WGS84 spheroid (ARCHITECTURE.md,
/// Geometry semantics and Testing strategy): seeded random pairs plus adversarial ones. Needs PostgreSQL
/// with PostGIS: <c>TAHALUF_TEST_PG</c>, or a throwaway cluster from <c>scripts/pg-cluster.sh</c>.
/// </summary>
public sealed class SeparationOracleTests(SeparationOracleFixture fixture, ITestOutputHelper output)
    : IClassFixture<SeparationOracleFixture>
{
    private const int MinimumCompared = 2_000;

    [Fact]
    public async Task Conflicts_RandomAndAdversarialPairs_AgreeWithPostGis()
    {
        var corpus = await fixture.CorpusAsync();

        var comparison = OracleComparison.Conflicts(corpus, SeparationTest.Conflicts);

        Report(comparison);
        Assert.True(comparison.Compared >= MinimumCompared, $"only {comparison.Compared} unambiguous pairs compared");
        Assert.True(comparison.Disagreements.Count == 0, comparison.Summary(10));
    }

    [Fact]
    public async Task IsWithin_RandomAndAdversarialPairs_AgreesWithStDWithin()
    {
        var corpus = await fixture.CorpusAsync();

        var comparison = OracleComparison.Within(corpus, FootprintDistance.IsWithin);

        Report(comparison);
        Assert.True(comparison.Compared >= MinimumCompared, $"only {comparison.Compared} unambiguous pairs compared");
        Assert.True(comparison.Disagreements.Count == 0, comparison.Summary(10));
    }

    [Fact]
    public async Task HorizontalDistanceM_RandomAndAdversarialPairs_WithinToleranceOfStDistance()
    {
        var corpus = await fixture.CorpusAsync();

        var comparison = OracleComparison.Distances(corpus, FootprintDistance.HorizontalDistanceM);

        Report(comparison);
        Assert.True(comparison.Compared >= MinimumCompared, $"only {comparison.Compared} pairs compared");
        Assert.True(comparison.Disagreements.Count == 0, comparison.Summary(10));
    }

    private void Report(OracleComparison comparison)
    {
        output.WriteLine($"Database: {fixture.Origin}");
        comparison.WriteTo(output);
    }
}
