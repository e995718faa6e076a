using System.Globalization;
using Npgsql;

namespace Tahaluf.Storage.PostgreSql;

/// <summary>
/// A LISTEN on the group's commit channel, on a dedicated connection served by a background loop. When the
/// connection breaks it reconnects with a growing delay (0.1 s doubling to 2 s) and then delivers the current
/// last event sequence, because notifications sent while no one listened are gone.
/// </summary>
internal sealed class PostgresCommitSubscription : IAsyncDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Action<long> _onCommitted;
    private readonly Action<PostgresCommitSubscription> _onDisposed;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    private PostgresCommitSubscription(NpgsqlDataSource dataSource, string channel, Action<long> onCommitted, Action<PostgresCommitSubscription> onDisposed)
    {
        _dataSource = dataSource;
        _channel = channel;
        _onCommitted = onCommitted;
        _onDisposed = onDisposed;
    }

    /// <summary>Listens (so every commit after the return is seen) and starts the background loop.</summary>
    public static async Task<PostgresCommitSubscription> StartAsync(
        NpgsqlDataSource dataSource, string channel, Action<long> onCommitted, Action<PostgresCommitSubscription> onDisposed, CancellationToken cancellationToken)
    {
        var subscription = new PostgresCommitSubscription(dataSource, channel, onCommitted, onDisposed);
        var connection = await subscription.ListenAsync(cancellationToken).ConfigureAwait(false);
        subscription._loop = Task.Run(() => subscription.RunAsync(connection, subscription._stop.Token), CancellationToken.None);
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _onDisposed(this);
    }

    private async Task RunAsync(NpgsqlConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!await connection.WaitAsync(ProbeInterval, stop).ConfigureAwait(false))
                    {
                        // A silently dropped TCP connection never fails a wait; a round trip does.
                        await ProbeAsync(connection).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException or OperationCanceledException)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    var reconnected = await ReconnectAsync(stop).ConfigureAwait(false);
                    if (reconnected is null)
                    {
                        return;
                    }

                    connection = reconnected;
                }
            }
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<NpgsqlConnection?> ReconnectAsync(CancellationToken stop)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            NpgsqlConnection? connection = null;
            try
            {
                connection = await ListenAsync(stop).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) FROM events", connection);
                var last = Convert.ToInt64(await command.ExecuteScalarAsync(stop).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (last > 0)
                {
                    Deliver(last);
                }

                return connection;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }

                return null;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            connection.Notification += OnNotification;
            await using var command = new NpgsqlCommand("LISTEN " + _channel, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ProbeAsync(NpgsqlConnection connection)
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == _channel && long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            Deliver(sequence);
        }
    }

    private void Deliver(long sequence)
    {
        try
        {
            _onCommitted(sequence);
        }
#pragma warning disable CA1031 // The subscriber's fault must not end the subscription for everyone after it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
