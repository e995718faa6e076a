namespace Tahaluf.Storage.PostgreSql.Tests;

/// <summary>
/// A fresh schema with two store objects on it, standing for two hub processes (their own pools, no shared lock);
/// dropped after each test.
/// </summary>
public abstract class TwoStoresOnOneSchema(string first = "a", string second = "b") : IAsyncLifetime
{
    private PostgresTestSchema? _schema;
    private PostgresHubStore? _first;
    private PostgresHubStore? _second;

    private protected PostgresTestSchema Schema => _schema!;

    /// <summary>The first store (client name <c>first</c>).</summary>
    protected PostgresHubStore First => _first!;

    /// <summary>The second store (client name <c>second</c>).</summary>
    protected PostgresHubStore Second => _second!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync();
        _first = await PostgresHubStore.CreateAsync(Schema.ConnectionString(first), CancellationToken.None);
        _second = await PostgresHubStore.CreateAsync(Schema.ConnectionString(second), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
