using System.Data;
using System.Globalization;
using Npgsql;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.PostgreSql;

/// <summary>
/// The store shared by several hub instances (processes, machines): PostgreSQL through Npgsql.
/// </summary>
/// <remarks>
/// <para>
/// Commits: one READ COMMITTED transaction each. Inside it the store reads the stored last event sequence,
/// ledger size and item versions and refuses a write that does not continue them; the primary keys on
/// <c>events.seq</c>, <c>ledger.idx</c> and <c>item_versions (kind, id, version)</c> then make that check
/// race-free across processes: of two commits that claim the same position one blocks on the other's row and
/// fails with a unique violation. A unique violation (23505), serialization failure (40001) or deadlock
/// (40P01) surfaces as <see cref="StoreConflictException"/>, with nothing written. Each commit sets
/// <c>synchronous_commit = on</c> locally, so a commit that returned is durable whatever the server default.
/// Commits of one store object are serialized; reads run concurrently on pooled connections.
/// </para>
/// <para>
/// Portability: the core tables use only text, bigint, double precision and bytea columns, primary keys and
/// plain indexes, with times as UTC ticks (100 ns since 0001-01-01) as in the SQLite store, so a
/// PostgreSQL-compatible distributed engine (CockroachDB, YugabyteDB) can hold them. PostgreSQL-only features
/// are kept to the coordination layer: <c>pg_notify</c>/<c>LISTEN</c> for <see cref="SubscribeAsync"/> and
/// advisory locks for migrations and <see cref="TryAcquireLeadershipAsync"/>.
/// </para>
/// <para>
/// Instance group: the instances that share tables are those with the same database and the same
/// <c>Search Path</c> in their connection strings. The NOTIFY channel (<see cref="NotificationChannel"/>) and
/// the advisory lock keys are derived from the search path, so several hubs (or test schemas) can live in one
/// database without seeing each other.
/// </para>
/// <para>
/// Connections: a pooled <see cref="NpgsqlDataSource"/> for commits and reads, and unpooled dedicated
/// connections for each subscription and each leadership lease, named after the connection string's
/// <c>Application Name</c> (default <c>tahaluf</c>) with <c>/listen</c> or <c>/leader</c> appended, so they
/// can be told apart in <c>pg_stat_activity</c>. All members are safe to call concurrently.
/// </para>
/// </remarks>
public sealed class PostgresHubStore : ISharedHubStore, IStoreChangeReader, IWebhookStore, ISharedTrackStore
{
    // Marks the track points this store object (instance) appends, so it reads back only the others'.
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listenSource;
    private readonly NpgsqlDataSource _leaderSource;
    private readonly NpgsqlDataSource _writerSource;
    private readonly SemaphoreSlim _turnGate = new(1, 1);
    private NpgsqlConnection? _turnConnection;
    private readonly PostgresInstanceGroup _group;
    private readonly SemaphoreSlim _commitLock = new(1, 1);
    private readonly Lock _openLock = new();
    private readonly HashSet<IAsyncDisposable> _open = [];
    private bool _disposed;

    /// <summary>
    /// Creates a store on the database that <paramref name="connectionString"/> names. Opens no connection;
    /// call <see cref="MigrateAsync"/> (or use <see cref="CreateAsync"/>) before anything else.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string; its <c>Search Path</c>, if any, selects the schema and the instance group.</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public PostgresHubStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _group = PostgresInstanceGroup.FromSearchPath(builder.SearchPath);
        var applicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "tahaluf" : builder.ApplicationName;
        _dataSource = NpgsqlDataSource.Create(builder);
        _listenSource = NpgsqlDataSource.Create(Dedicated(builder, applicationName + "/listen"));
        _leaderSource = NpgsqlDataSource.Create(Dedicated(builder, applicationName + "/leader"));
        _writerSource = NpgsqlDataSource.Create(Dedicated(builder, applicationName + "/writer"));
    }

    /// <summary>The NOTIFY channel of this store's instance group: <c>tahaluf_commit</c>, suffixed with a hash of the search path when one is set.</summary>
    public string NotificationChannel => _group.Channel;

    /// <summary>The session advisory lock key (<c>pg_try_advisory_lock(bigint)</c>) that the engine leader holds; derived from the search path.</summary>
    public long LeadershipLockKey => _group.LeadershipLockKey;

    /// <summary>Creates a store and migrates its schema.</summary>
    /// <param name="connectionString">As for <see cref="PostgresHubStore(string)"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The store, ready for use; the caller disposes it.</returns>
    public static async Task<PostgresHubStore> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var store = new PostgresHubStore(connectionString);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies the missing migrations in one transaction under a transaction-scoped advisory lock of the
    /// instance group, so instances that start together migrate one after the other; idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _group.MigrationLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, PostgresSchema.Bookkeeping, cancellationToken).ConfigureAwait(false);
        long current;
        await using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection, transaction))
        {
            current = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        for (var v = current; v < PostgresSchema.Migrations.Length; v++)
        {
            await ExecuteAsync(connection, transaction, PostgresSchema.Migrations[v], cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = v + 1 });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = DateTimeOffset.UtcNow.UtcTicks });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.IsEmpty)
        {
            return;
        }

        await _commitLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await CheckContinuityAsync(connection, transaction, write, cancellationToken).ConfigureAwait(false);
            await using (var batch = WriteBatch(connection, transaction, write, _group.Channel))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
        {
            throw new StoreConflictException("another writer got there first: " + e.MessageText, e);
        }
        finally
        {
            _commitLock.Release();
        }
    }

    /// <inheritdoc />
    public Task<StoreSnapshot> LoadAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);

    /// <inheritdoc />
    public Task<StoreSnapshot> LoadChangesAsync(long afterSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return LoadAsync(afterSequence, cancellationToken);
    }

    private async Task<StoreSnapshot> LoadAsync(long? after, CancellationToken cancellationToken)
    {
        // One snapshot for all the reads, so the parts agree with each other.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        long lastEvent = 0, ledgerSize = 0;
        await ReadAsync(connection, transaction, "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events), (SELECT COUNT(*) FROM ledger)", r =>
        {
            lastEvent = r.GetInt64(0);
            ledgerSize = r.GetInt64(1);
        }, cancellationToken).ConfigureAwait(false);
        if (after == lastEvent)
        {
            // Nothing happened since: the common case of a writer checking before its turn.
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new StoreSnapshot([], [], [], [], [], lastEvent, ledgerSize);
        }

        var partners = new List<PartnerRecord>();
        await ReadAsync(connection, transaction, "SELECT id, role, names_json, public_key, token_hash, created_at FROM partners ORDER BY id", r =>
            partners.Add(new PartnerRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : Bytes(r, 3), Bytes(r, 4), Time(r.GetInt64(5)))), cancellationToken).ConfigureAwait(false);
        var agreements = new List<AgreementRecord>();
        await ReadAsync(connection, transaction, "SELECT owner, recipient, kind, level FROM agreements ORDER BY owner, recipient, kind", r =>
            agreements.Add(new AgreementRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3))), cancellationToken).ConfigureAwait(false);
        var items = new List<ItemRecord>();
        await ReadAsync(connection, transaction, "SELECT i.kind, i.id, i.owner, i.version, i.state, i.body_json, i.body_hash, i.updated_at, i.ledger_index FROM items i" + ChangedItems(after) + " ORDER BY i.kind, i.id", r =>
            items.Add(ReadItem(r)), cancellationToken).ConfigureAwait(false);
        var conflicts = new List<ConflictRecord>();
        await ReadAsync(connection, transaction, "SELECT id, state, opened_at, closed_at, body_json FROM conflicts" + ChangedSubjects(after, "conflict") + " ORDER BY opened_at, id", r =>
            conflicts.Add(new ConflictRecord(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.IsDBNull(3) ? null : Time(r.GetInt64(3)), r.GetString(4))), cancellationToken).ConfigureAwait(false);
        var notifications = new List<NotificationRecord>();
        await ReadAsync(connection, transaction, "SELECT id, recipient, state, created_at, deadline_at, body_json FROM notifications" + ChangedSubjects(after, "notification") + " ORDER BY created_at, id", r =>
            notifications.Add(new NotificationRecord(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3)), r.IsDBNull(4) ? null : Time(r.GetInt64(4)), r.GetString(5))), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoreSnapshot(partners, agreements, items, conflicts, notifications, lastEvent, ledgerSize);
    }

    // The filters of a change read: rows named by the events after a sequence (a number, so inlined safely).
    private static string ChangedItems(long? after) => after is { } s
        ? string.Create(CultureInfo.InvariantCulture, $" JOIN (SELECT DISTINCT subject_kind, subject_id FROM events WHERE seq > {s} AND type = 'item') e ON i.kind = e.subject_kind AND i.id = e.subject_id")
        : "";

    private static string ChangedSubjects(long? after, string kind) => after is { } s
        ? string.Create(CultureInfo.InvariantCulture, $" WHERE id IN (SELECT subject_id FROM events WHERE seq > {s} AND subject_kind = '{kind}')")
        : "";

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemRecord>> GetItemHistoryAsync(string kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(id);
        var result = new List<ItemRecord>();
        await ReadAsync(
            "SELECT kind, id, owner, version, state, body_json, body_hash, updated_at, ledger_index FROM item_versions WHERE kind = $1 AND id = $2 ORDER BY version",
            [kind, id],
            r => result.Add(ReadItem(r)),
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EventRecord>> ReadEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var result = new List<EventRecord>();
        await ReadAsync(
            "SELECT seq, time, type, subject_kind, subject_id, payload_json FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
            [afterSequence, (long)limit],
            r => result.Add(new EventRecord(r.GetInt64(0), Time(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5))),
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> ReadLedgerLeavesAsync(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var result = new List<byte[]>();
        await ReadAsync("SELECT leaf FROM ledger WHERE idx >= $1 ORDER BY idx LIMIT $2", [fromIndex, (long)limit], r => result.Add(Bytes(r, 0)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerAsync(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var result = new List<LedgerEntryRecord>();
        await ReadAsync(
            "SELECT idx, leaf, salt, content, subject FROM ledger WHERE idx >= $1 ORDER BY idx LIMIT $2",
            [fromIndex, (long)limit],
            r => result.Add(new LedgerEntryRecord(r.GetInt64(0), Bytes(r, 1), Bytes(r, 2), Bytes(r, 3), r.GetString(4))),
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task AppendTrackPointsAsync(IReadOnlyList<TrackPointRecord> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var p in points)
            {
                Add(batch, "INSERT INTO track_points (track_id, owner, time, lat, lng, altitude_m, course_deg, speed_mps, vertical_rate_mps, origin, meta_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (track_id, time) DO NOTHING",
                    p.TrackId, p.Owner, p.Time.UtcTicks, p.Lat, p.Lng, p.AltitudeM, p.CourseDeg, p.SpeedMps, p.VerticalRateMps, _origin, p.MetaJson);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrackPointRecord>> ReadTrackPointsAsync(string trackId, string owner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trackId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var result = new List<TrackPointRecord>();
        await ReadAsync(
            "SELECT track_id, owner, time, lat, lng, altitude_m, course_deg, speed_mps, vertical_rate_mps FROM track_points WHERE track_id = $1 AND owner = $2 ORDER BY time DESC LIMIT $3",
            [trackId, owner, (long)limit],
            r => result.Add(new TrackPointRecord(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8))),
            cancellationToken).ConfigureAwait(false);
        result.Reverse();
        return result;
    }

    /// <inheritdoc />
    public async Task<long> LastTrackPointPositionAsync(CancellationToken cancellationToken)
    {
        long last = 0;
        await ReadAsync("SELECT coalesce(max(seq), 0) FROM track_points", [], r => last = r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return last;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(long Position, TrackPointRecord Point)>> ReadOtherTrackPointsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var result = new List<(long, TrackPointRecord)>();
        await ReadAsync(
            "SELECT seq, track_id, owner, time, lat, lng, altitude_m, course_deg, speed_mps, vertical_rate_mps, meta_json FROM track_points WHERE seq > $1 AND origin <> $2 ORDER BY seq LIMIT $3",
            [after, _origin, (long)limit],
            r => result.Add((r.GetInt64(0), new TrackPointRecord(r.GetString(1), r.GetString(2), Time(r.GetInt64(3)), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.IsDBNull(10) ? null : r.GetString(10)))),
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<WebhookRecord> PutWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        await ExecuteAsync(
            "INSERT INTO webhooks (partner, url, created_at, cursor) VALUES ($1, $2, $3, $4) ON CONFLICT (partner) DO UPDATE SET url = excluded.url",
            [webhook.Partner, webhook.Url, webhook.CreatedAt.UtcTicks, webhook.Cursor],
            cancellationToken).ConfigureAwait(false);
        return await GetWebhookAsync(webhook.Partner, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The webhook was deleted while it was being registered.");
    }

    /// <inheritdoc />
    public async Task<bool> DeleteWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return await ExecuteAsync("DELETE FROM webhooks WHERE partner = $1", [partner], cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<WebhookRecord?> GetWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        WebhookRecord? stored = null;
        await ReadAsync("SELECT partner, url, created_at, cursor FROM webhooks WHERE partner = $1", [partner], r => stored = ReadWebhook(r), cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        var result = new List<WebhookRecord>();
        await ReadAsync("SELECT partner, url, created_at, cursor FROM webhooks ORDER BY partner", [], r => result.Add(ReadWebhook(r)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>One statement with the condition in its WHERE clause, so concurrent callers (instances) can only move the cursor forward.</remarks>
    public async Task<bool> AdvanceWebhookCursorAsync(string partner, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return await ExecuteAsync("UPDATE webhooks SET cursor = $2 WHERE partner = $1 AND cursor < $2", [partner, sequence], cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The subscription LISTENs on a dedicated connection before this returns, so every commit that starts
    /// afterwards is delivered; it does not deliver the current last sequence at start, only after a
    /// reconnection. A connection is probed every 2 s while idle, and a lost one is replaced after 0.1 s,
    /// doubling to at most 2 s between attempts. Exceptions thrown by <paramref name="onCommitted"/> are
    /// swallowed so one faulty subscriber cannot stop its subscription. Disposing the store disposes its
    /// subscriptions.
    /// </remarks>
    public async Task<IAsyncDisposable> SubscribeAsync(Action<long> onCommitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onCommitted);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var subscription = await PostgresCommitSubscription.StartAsync(_listenSource, _group.Channel, onCommitted, Forget, cancellationToken).ConfigureAwait(false);
        Remember(subscription);
        return subscription;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Takes <c>pg_try_advisory_lock(</c><see cref="LeadershipLockKey"/><c>)</c> on a new dedicated connection.
    /// The lease probes that connection every second and cancels <see cref="ILeadershipLease.Lost"/> when a
    /// probe fails (or times out after 5 s), i.e. at most about 1 s after a broken session is noticed;
    /// disposing it unlocks, closes the connection and cancels <see cref="ILeadershipLease.Lost"/>. A second
    /// attempt while a lease of the same group is held, from this store or another, returns null. Disposing
    /// the store disposes its leases.
    /// </remarks>
    public async Task<ILeadershipLease?> TryAcquireLeadershipAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lease = await PostgresLeadershipLease.TryAcquireAsync(_leaderSource, _group.LeadershipLockKey, Forget, cancellationToken).ConfigureAwait(false);
        if (lease is not null)
        {
            Remember(lease);
        }

        return lease;
    }

    /// <inheritdoc />
    /// <remarks>A session advisory lock (<c>pg_advisory_lock</c>) on a dedicated connection kept open between turns.</remarks>
    public async Task<IAsyncDisposable> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _turnGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _turnConnection ??= await _writerSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", _turnConnection);
            command.Parameters.Add(new NpgsqlParameter { Value = _group.WriteLockKey });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new WriteTurn(this);
        }
        catch
        {
            await DropTurnConnectionAsync().ConfigureAwait(false);
            _turnGate.Release();
            throw;
        }
    }

    /// <summary>Stops the subscriptions, releases the leases and closes every connection of this store.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        IAsyncDisposable[] open;
        lock (_openLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open];
        }

        foreach (var o in open)
        {
            await o.DisposeAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _listenSource.DisposeAsync().ConfigureAwait(false);
        await _leaderSource.DisposeAsync().ConfigureAwait(false);
        // Wait for a turn being taken or released on the turn connection (a few seconds at most: a turn still held
        // by its owner does not stop the store from closing), so the connection is never closed under a command.
        var gate = await _turnGate.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await DropTurnConnectionAsync().ConfigureAwait(false);
        if (gate)
        {
            _turnGate.Release();
        }

        await _writerSource.DisposeAsync().ConfigureAwait(false);
        _commitLock.Dispose();
    }

    // A broken or cancelled turn connection is closed: its session's advisory lock goes with it.
    private async Task DropTurnConnectionAsync()
    {
        if (_turnConnection is { } connection)
        {
            _turnConnection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseTurnAsync()
    {
        try
        {
            if (_turnConnection is { } connection)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = _group.WriteLockKey });
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            await DropTurnConnectionAsync().ConfigureAwait(false);
        }
        finally
        {
            _turnGate.Release();
        }
    }

    private sealed class WriteTurn(PostgresHubStore store) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? new ValueTask(store.ReleaseTurnAsync()) : ValueTask.CompletedTask;
    }

    private static NpgsqlConnectionStringBuilder Dedicated(NpgsqlConnectionStringBuilder source, string applicationName) =>
        new(source.ConnectionString) { Pooling = false, ApplicationName = applicationName };

    private static async Task CheckContinuityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoreWrite write, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (write.Events.Count > 0)
        {
            Add(batch, "SELECT COALESCE(MAX(seq), 0) FROM events");
        }

        if (write.Ledger.Count > 0)
        {
            Add(batch, "SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger");
        }

        var keys = write.Items.Select(i => (i.Kind, i.Id)).Distinct().ToList();
        foreach (var (kind, id) in keys)
        {
            Add(batch, "SELECT version FROM items WHERE kind = $1 AND id = $2", kind, id);
        }

        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        long lastEvent = 0, ledgerSize = 0;
        var stored = new Dictionary<(string, string), long>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (write.Events.Count > 0)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                lastEvent = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            if (write.Ledger.Count > 0)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ledgerSize = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var key in keys)
            {
                stored[key] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < write.Events.Count; i++)
        {
            if (write.Events[i].Sequence != lastEvent + 1 + i)
            {
                throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"event sequence {write.Events[i].Sequence} does not continue the stored {lastEvent + i}"));
            }
        }

        for (var i = 0; i < write.Ledger.Count; i++)
        {
            if (write.Ledger[i].Index != ledgerSize + i)
            {
                throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"ledger index {write.Ledger[i].Index} does not continue the stored size {ledgerSize + i}"));
            }
        }

        foreach (var item in write.Items)
        {
            var current = stored[(item.Kind, item.Id)];
            if (item.Version != current + 1)
            {
                throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"{item.Kind} '{item.Id}' version {item.Version} does not follow the stored version {current}"));
            }

            stored[(item.Kind, item.Id)] = item.Version;
        }
    }

    private static NpgsqlBatch WriteBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, StoreWrite write, string channel)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        Add(batch, "SET LOCAL synchronous_commit = on");

        // Positions first: a writer racing for the same sequence then waits on, and loses to, the first one
        // before it has locked any upserted row that the first one might still need.
        foreach (var l in write.Ledger)
        {
            Add(batch, "INSERT INTO ledger (idx, leaf, salt, content, subject) VALUES ($1, $2, $3, $4, $5)", l.Index, l.Leaf, l.Salt, l.Content, l.Subject);
        }

        foreach (var e in write.Events)
        {
            Add(batch, "INSERT INTO events (seq, time, type, subject_kind, subject_id, payload_json) VALUES ($1, $2, $3, $4, $5, $6)",
                e.Sequence, e.Time.UtcTicks, e.Type, e.SubjectKind, e.SubjectId, e.PayloadJson);
        }

        foreach (var i in write.Items)
        {
            object?[] values = [i.Kind, i.Id, i.Owner, i.Version, i.State, i.BodyJson, i.BodyHash, i.UpdatedAt.UtcTicks, i.LedgerIndex];
            Add(batch, "INSERT INTO item_versions (kind, id, owner, version, state, body_json, body_hash, updated_at, ledger_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", values);
            Add(batch, """
                INSERT INTO items (kind, id, owner, version, state, body_json, body_hash, updated_at, ledger_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (kind, id) DO UPDATE SET owner = excluded.owner, version = excluded.version, state = excluded.state, body_json = excluded.body_json,
                    body_hash = excluded.body_hash, updated_at = excluded.updated_at, ledger_index = excluded.ledger_index
                """, values);
        }

        foreach (var p in write.Partners)
        {
            Add(batch, """
                INSERT INTO partners (id, role, names_json, public_key, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET role = excluded.role, names_json = excluded.names_json, public_key = excluded.public_key,
                    token_hash = excluded.token_hash, created_at = excluded.created_at
                """, p.Id, p.Role, p.NamesJson, Typed(p.PublicKey), p.TokenHash, p.CreatedAt.UtcTicks);
        }

        foreach (var a in write.Agreements)
        {
            Add(batch, "INSERT INTO agreements (owner, recipient, kind, level) VALUES ($1, $2, $3, $4) ON CONFLICT (owner, recipient, kind) DO UPDATE SET level = excluded.level",
                a.Owner, a.Recipient, a.Kind, a.Level);
        }

        foreach (var x in write.Conflicts)
        {
            Add(batch, """
                INSERT INTO conflicts (id, state, opened_at, closed_at, body_json) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET state = excluded.state, opened_at = excluded.opened_at, closed_at = excluded.closed_at, body_json = excluded.body_json
                """, x.Id, x.State, x.OpenedAt.UtcTicks, Typed(x.ClosedAt?.UtcTicks), x.BodyJson);
        }

        foreach (var n in write.Notifications)
        {
            Add(batch, """
                INSERT INTO notifications (id, recipient, state, created_at, deadline_at, body_json) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET recipient = excluded.recipient, state = excluded.state, created_at = excluded.created_at,
                    deadline_at = excluded.deadline_at, body_json = excluded.body_json
                """, n.Id, n.Recipient, n.State, n.CreatedAt.UtcTicks, Typed(n.DeadlineAt?.UtcTicks), n.BodyJson);
        }

        if (write.Events.Count > 0)
        {
            // Delivered to listeners only when the transaction commits, and never if it rolls back.
            Add(batch, "SELECT pg_notify($1, $2)", channel, write.Events[^1].Sequence.ToString(CultureInfo.InvariantCulture));
        }

        return batch;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter Typed(byte[]? value) => new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Typed(long? value) => new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = value is { } v ? v : DBNull.Value };

    private static byte[] Bytes(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<byte[]>(ordinal);

    private static WebhookRecord ReadWebhook(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.GetInt64(3));

    // One implicit transaction with synchronous_commit on, so the write is durable on return whatever the
    // server's default, as commits are.
    private async Task<int> ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        Add(batch, "SET LOCAL synchronous_commit = on");
        Add(batch, sql, parameters);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return batch.BatchCommands[1].RecordsAffected;
    }

    private static ItemRecord ReadItem(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), Bytes(r, 6), Time(r.GetInt64(7)), r.GetInt64(8));

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    private async Task ReadAsync(string sql, object[] parameters, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    private void Remember(IAsyncDisposable open)
    {
        bool disposed;
        lock (_openLock)
        {
            disposed = _disposed;
            if (!disposed)
            {
                _open.Add(open);
            }
        }

        if (disposed)
        {
            // The store was disposed while this was being opened: do not leak a connection or a lock.
            _ = open.DisposeAsync().AsTask();
        }
    }

    private void Forget(IAsyncDisposable open)
    {
        lock (_openLock)
        {
            _open.Remove(open);
        }
    }
}
