namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// One PostGIS database and one judged corpus shared by every oracle test in a run. xUnit runs the tests
/// of one class one after another, so the lazy corpus needs no lock.
/// </summary>
public sealed class SeparationOracleFixture : IAsyncLifetime
{
    private readonly PostGisFixture _postGis = new();
    private Task<OracleCorpus>? _corpus;

    public string Origin => _postGis.Origin;

    /// <summary>Fails with the reason (never skips) when no PostGIS database could be had.</summary>
    public Task<OracleCorpus> CorpusAsync() => _corpus ??= OracleCorpus.BuildAsync(_postGis.DataSource);

    public Task InitializeAsync() => _postGis.InitializeAsync();

    public Task DisposeAsync() => _postGis.DisposeAsync();
}
