using Npgsql;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.PostgreSql;

/// <summary>
/// The engine leadership as a session-level advisory lock held by one dedicated connection. The lock lives
/// exactly as long as that server session, so a background loop runs a trivial query every second and
/// cancels <see cref="Lost"/> as soon as one fails: from then on another instance may already lead.
/// </summary>
internal sealed class PostgresLeadershipLease : ILeadershipLease
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly Action<PostgresLeadershipLease> _onDisposed;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private int _disposed;

    private PostgresLeadershipLease(NpgsqlConnection connection, long key, Action<PostgresLeadershipLease> onDisposed)
    {
        _connection = connection;
        _key = key;
        _onDisposed = onDisposed;
        Lost = _lost.Token;
        _watch = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public CancellationToken Lost { get; }

    /// <summary>
    /// Tries once to take the lock on a new dedicated connection; the connection is kept by the lease when
    /// taken and closed otherwise.
    /// </summary>
    public static async Task<PostgresLeadershipLease?> TryAcquireAsync(
        NpgsqlDataSource dataSource, long key, Action<PostgresLeadershipLease> onDisposed, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new PostgresLeadershipLease(connection, key, onDisposed);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Releases the lock, closes the connection and cancels <see cref="Lost"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _key });
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                // Closing the session below releases the lock anyway; the unlock only makes it prompt.
            }
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        await SignalLostAsync().ConfigureAwait(false);
        _stop.Dispose();
        _onDisposed(this);
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(ProbeInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(ProbeTimeout);
                await using var command = new NpgsqlCommand("SELECT 1", _connection);
                await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                await SignalLostAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task SignalLostAsync()
    {
        try
        {
            await _lost.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException)
        {
            // A holder's callback on Lost threw; the other callbacks ran, and the lease is lost either way.
        }
    }
}
