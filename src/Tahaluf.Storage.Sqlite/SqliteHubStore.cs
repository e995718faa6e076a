using System.Globalization;
using Microsoft.Data.Sqlite;
using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit that
/// returned survives a process kill and a power loss. Commits are serialized on one write connection;
/// reads use their own pooled connections and may run concurrently with a commit. The WAL is copied back
/// into the database file by a checkpointer thread beside the writer, not inside commits (SQLite's automatic
/// checkpoint, every 1,000 pages, ran inside them: at 3,000 declarations/s one commit in twenty took 7-27 ms).
/// </summary>
public sealed class SqliteHubStore : IHubStore, IWebhookStore, IStoreChangeReader, IStoreMaintenance
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

    // Statements of the write connection, prepared once and reused by every commit (only under _writeLock):
    // preparing the same INSERTs per batch cost SQLite's parser time on the single writer, once per batch.
    private readonly Dictionary<string, WriteStatement> _prepared = new(StringComparer.Ordinal);

    // The checkpointer: woken by commits, it copies the WAL back with PASSIVE checkpoints, which neither block
    // the writer nor wait for readers. Under steady writes those never catch up with the WAL's end, so the
    // writer would never start the WAL over; once the WAL holds _restartFrames pages, the checkpointer takes the
    // write lock for one more checkpoint (of the few frames the last one missed) and the next commit starts it over.
    // Every such locked checkpoint stops commits for ~15-25 ms (its fsync of the database file): at 2,600
    // declarations/s a 4,096-frame WAL (16 MB) took one every ~0.35 s; 16,384 frames (64 MB), one every ~1.5 s.
    private const int DefaultRestartFrames = 16_384;
    private const int FinalFrames = 256;
    private readonly int _restartFrames;
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeSpan _checkpointPause;
    private Task _checkpointer = Task.CompletedTask;
    private long _checkpoints;

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    /// <param name="path">Database file path; its directory must exist.</param>
    public SqliteHubStore(string path)
        : this(path, TimeSpan.FromMilliseconds(50))
    {
    }

    /// <summary>Opens the database with a chosen pause between background checkpoints (tests).</summary>
    /// <param name="path">Database file path.</param>
    /// <param name="checkpointPause">How long the checkpointer lets commits gather before copying them back.</param>
    /// <param name="restartFrames">WAL length (in pages) at which the checkpointer takes the write lock to start it over.</param>
    internal SqliteHubStore(string path, TimeSpan checkpointPause, int restartFrames = DefaultRestartFrames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 2 * FinalFrames);
        _checkpointPause = checkpointPause;
        _restartFrames = restartFrames;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            for (var v = current; v < SqliteSchema.Migrations.Length; v++)
            {
                using var transaction = connection.BeginTransaction();
                await ExecuteAsync(connection, SqliteSchema.Migrations[v], cancellationToken, transaction).ConfigureAwait(false);
                await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({v + 1})"), cancellationToken, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task CommitAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.IsEmpty)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            try
            {
                CheckContinuity(write);
                WriteAll(write);
                transaction.Commit();
                RequestCheckpoint();
            }
            catch
            {
                transaction.Rollback();
                throw;
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new StoreConflictException("a constraint refused the commit: " + e.Message, e);
        }
        finally
        {
            _writeLock.Release();
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction: a consistent snapshot of the WAL for all the reads.
        using var transaction = connection.BeginTransaction(deferred: true);
        var partners = new List<PartnerRecord>();
        await ReadAsync(connection, "SELECT id, role, names_json, public_key, token_hash, created_at FROM partners ORDER BY id", r =>
            partners.Add(new PartnerRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : (byte[])r[3], (byte[])r[4], Time(r.GetInt64(5)))), cancellationToken).ConfigureAwait(false);
        var agreements = new List<AgreementRecord>();
        await ReadAsync(connection, "SELECT owner, recipient, kind, level FROM agreements ORDER BY owner, recipient, kind", r =>
            agreements.Add(new AgreementRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3))), cancellationToken).ConfigureAwait(false);
        var items = new List<ItemRecord>();
        await ReadAsync(connection, "SELECT i.kind, i.id, i.owner, MAX(i.version), i.state, i.body_json, i.body_hash, i.updated_at, i.ledger_index FROM item_versions i" + ChangedItems(after) + " GROUP BY i.kind, i.id ORDER BY i.kind, i.id", r =>
            items.Add(ReadItem(r)), cancellationToken).ConfigureAwait(false);
        var conflicts = new List<ConflictRecord>();
        await ReadAsync(connection, "SELECT id, state, opened_at, closed_at, body_json, MAX(seq) FROM conflict_versions" + ChangedSubjects(after, "conflict") + " GROUP BY id ORDER BY opened_at, id", r =>
            conflicts.Add(new ConflictRecord(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.IsDBNull(3) ? null : Time(r.GetInt64(3)), r.GetString(4))), cancellationToken).ConfigureAwait(false);
        var notifications = new List<NotificationRecord>();
        await ReadAsync(connection, "SELECT id, recipient, state, created_at, deadline_at, body_json, MAX(seq) FROM notification_versions" + ChangedSubjects(after, "notification") + " GROUP BY id ORDER BY created_at, id", r =>
            notifications.Add(new NotificationRecord(r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3)), r.IsDBNull(4) ? null : Time(r.GetInt64(4)), r.GetString(5))), cancellationToken).ConfigureAwait(false);
        var lastEvent = await ScalarAsync(connection, "SELECT COALESCE(MAX(seq), 0) FROM events", cancellationToken).ConfigureAwait(false);
        var ledgerSize = await ScalarAsync(connection, "SELECT COUNT(*) FROM ledger", cancellationToken).ConfigureAwait(false);
        transaction.Commit();
        return new StoreSnapshot(partners, agreements, items, conflicts, notifications, lastEvent, ledgerSize);
    }

    // The filters of a change read: rows named by the events after a sequence (a number, so inlined safely). The reads
    // above take, per id, the newest row (SQLite gives the other columns of a MAX aggregate from the row holding the
    // maximum). A change read scans the conflict and notification logs (no index by id); only a store shared by
    // instances reads changes, and this one is not.
    private static string ChangedItems(long? after) => after is { } s
        ? string.Create(CultureInfo.InvariantCulture, $" JOIN (SELECT DISTINCT subject_kind, subject_id FROM events WHERE seq > {s} AND type = 'item') e ON i.kind = e.subject_kind AND i.id = e.subject_id")
        : "";

    private static string ChangedSubjects(long? after, string kind) => after is { } s
        ? string.Create(CultureInfo.InvariantCulture, $" WHERE id IN (SELECT subject_id FROM events WHERE seq > {s} AND subject_kind = '{kind}')")
        : "";

    /// <inheritdoc />
    public async Task<IReadOnlyList<ItemRecord>> GetItemHistoryAsync(string kind, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, id, owner, version, state, body_json, body_hash, updated_at, ledger_index FROM item_versions WHERE kind = $kind AND id = $id ORDER BY version";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        var result = new List<ItemRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(ReadItem(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EventRecord>> ReadEventsAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, time, type, subject_kind, subject_id, payload_json FROM events WHERE seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<EventRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new EventRecord(reader.GetInt64(0), Time(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> ReadLedgerLeavesAsync(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT leaf FROM ledger WHERE idx >= $from ORDER BY idx LIMIT $limit";
        command.Parameters.AddWithValue("$from", fromIndex);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<byte[]>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add((byte[])reader[0]);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerAsync(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, leaf, salt, content, subject FROM ledger WHERE idx >= $from ORDER BY idx LIMIT $limit";
        command.Parameters.AddWithValue("$from", fromIndex);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<LedgerEntryRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new LedgerEntryRecord(reader.GetInt64(0), (byte[])reader[1], (byte[])reader[2], (byte[])reader[3], reader.GetString(4)));
        }

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

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred: false);
            var c = Statement("INSERT OR IGNORE INTO track_points (track_id, owner, time, lat, lng, altitude_m, course_deg, speed_mps, vertical_rate_mps) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            foreach (var p in points)
            {
                c.Text(1, p.TrackId).Text(2, p.Owner).Integer(3, p.Time.UtcTicks).Real(4, p.Lat).Real(5, p.Lng).Real(6, p.AltitudeM)
                    .Real(7, p.CourseDeg).Real(8, p.SpeedMps).Real(9, p.VerticalRateMps).Run();
            }

            transaction.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrackPointRecord>> ReadTrackPointsAsync(string trackId, string owner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trackId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT track_id, owner, time, lat, lng, altitude_m, course_deg, speed_mps, vertical_rate_mps FROM track_points WHERE track_id = $id AND owner = $owner ORDER BY time DESC LIMIT $limit";
        command.Parameters.AddWithValue("$id", trackId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<TrackPointRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new TrackPointRecord(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2)), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8)));
        }

        result.Reverse();
        return result;
    }

    /// <inheritdoc />
    public async Task<WebhookRecord> PutWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO webhooks (partner, url, created_at, cursor) VALUES ($partner, $url, $created, $cursor)
                ON CONFLICT (partner) DO UPDATE SET url = excluded.url
                RETURNING partner, url, created_at, cursor
                """;
            command.Parameters.AddWithValue("$partner", webhook.Partner);
            command.Parameters.AddWithValue("$url", webhook.Url);
            command.Parameters.AddWithValue("$created", webhook.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$cursor", webhook.Cursor);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return ReadWebhook(reader);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return await WriteWebhookAsync("DELETE FROM webhooks WHERE partner = $partner", partner, 0, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<WebhookRecord?> GetWebhookAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT partner, url, created_at, cursor FROM webhooks WHERE partner = $partner";
        command.Parameters.AddWithValue("$partner", partner);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadWebhook(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<WebhookRecord>();
        await ReadAsync(connection, "SELECT partner, url, created_at, cursor FROM webhooks ORDER BY partner", r => result.Add(ReadWebhook(r)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> AdvanceWebhookCursorAsync(string partner, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return await WriteWebhookAsync("UPDATE webhooks SET cursor = $cursor WHERE partner = $partner AND cursor < $cursor", partner, sequence, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        await _checkpointer.ConfigureAwait(false);
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        _writeLock.Dispose();
        _checkpointDue.Dispose();
        _closing.Dispose();
    }

    /// <summary>Checkpoints the background checkpointer has completed (tests, diagnostics).</summary>
    internal long CheckpointsRun => Interlocked.Read(ref _checkpoints);

    /// <inheritdoc />
    public string? MaintenanceProblem => Volatile.Read(ref _maintenanceProblem);

    private string? _maintenanceProblem;
    private int _failedCheckpoints;

    // A WAL this many frames long (four restart lengths: 256 MB at 4 KB pages by default) after the locked
    // checkpoint means something stops SQLite from copying it back (a read transaction left open holds its old
    // snapshot): the WAL keeps growing.
    private int StuckFrames => 4 * _restartFrames;

    private void RequestCheckpoint()
    {
        try
        {
            if (_checkpointDue.CurrentCount == 0)
            {
                _checkpointDue.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already due.
        }
    }

    // A thread of its own: a checkpoint blocks in I/O for milliseconds, which on a pool thread would hold up requests.
    private void CheckpointLoop(TaskCompletionSource done)
    {
        var stop = _closing.Token;
        SqliteConnection? connection = null;
        long pageSize = 4_096;
        try
        {
            while (true)
            {
                _checkpointDue.Wait(stop);
                if (stop.WaitHandle.WaitOne(_checkpointPause))
                {
                    break;
                }

                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(_connectionString);
                        connection.Open();
                        using var size = connection.CreateCommand();
                        size.CommandText = "PRAGMA page_size";
                        pageSize = Convert.ToInt64(size.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                    }

                    // Copy without the lock until little is left, then take the lock for the last few frames.
                    var (frames, copied) = Checkpoint(connection);
                    for (var round = 0; frames >= _restartFrames && frames - copied > FinalFrames && round < 8; round++)
                    {
                        (frames, copied) = Checkpoint(connection);
                    }

                    if (frames >= _restartFrames)
                    {
                        _writeLock.Wait(stop);
                        try
                        {
                            (frames, copied) = Checkpoint(connection);
                        }
                        finally
                        {
                            _writeLock.Release();
                        }
                    }

                    _failedCheckpoints = 0;
                    Volatile.Write(ref _maintenanceProblem, frames - copied >= StuckFrames
                        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The SQLite write-ahead log holds {frames:N0} pages ({frames * pageSize / 1_048_576:N0} MB) of which checkpoints could copy only {copied:N0} back into the database: a read transaction left open keeps it from shrinking. Nothing is lost; the file grows until that reader ends.")
                        : null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Busy or I/O trouble: the frames stay in the WAL, durable; the next commit asks again.
                    connection?.Dispose();
                    connection = null;
                    _failedCheckpoints++;
                    Volatile.Write(ref _maintenanceProblem, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_failedCheckpoints} SQLite checkpoint(s) in a row failed, the last at {DateTimeOffset.UtcNow:u}: {e.Message} Nothing is lost (the write-ahead log keeps every commit), but it grows until a checkpoint succeeds."));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
            done.SetResult();
        }
    }

    /// <summary>Runs before every checkpoint on the checkpointer's thread; a test makes checkpoints fail by throwing.</summary>
    internal Action? BeforeCheckpoint { get; set; }

    // One PASSIVE checkpoint; returns the frames in the WAL and how many of them are now in the database file.
    private (long Frames, long Copied) Checkpoint(SqliteConnection connection)
    {
        BeforeCheckpoint?.Invoke();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        var result = reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
        Interlocked.Increment(ref _checkpoints);
        return result;
    }

    private void CheckContinuity(StoreWrite write)
    {
        if (write.Events.Count > 0)
        {
            var last = Statement("SELECT COALESCE(MAX(seq), 0) FROM events").Scalar() ?? 0;
            for (var i = 0; i < write.Events.Count; i++)
            {
                if (write.Events[i].Sequence != last + 1 + i)
                {
                    throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"event sequence {write.Events[i].Sequence} does not continue the stored {last + i}"));
                }
            }
        }

        if (write.Ledger.Count > 0)
        {
            var size = Statement("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger").Scalar() ?? 0;
            for (var i = 0; i < write.Ledger.Count; i++)
            {
                if (write.Ledger[i].Index != size + i)
                {
                    throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"ledger index {write.Ledger[i].Index} does not continue the stored size {size + i}"));
                }
            }
        }

        if (write.Items.Count > 0)
        {
            var command = Statement("SELECT MAX(version) FROM item_versions WHERE kind = $1 AND id = $2");
            var expected = new Dictionary<(string, string), long>();
            foreach (var item in write.Items)
            {
                if (!expected.TryGetValue((item.Kind, item.Id), out var stored))
                {
                    stored = command.Text(1, item.Kind).Text(2, item.Id).Scalar() ?? 0;
                }

                if (item.Version != stored + 1)
                {
                    throw new StoreConflictException(string.Create(CultureInfo.InvariantCulture, $"{item.Kind} '{item.Id}' version {item.Version} does not follow the stored version {stored}"));
                }

                expected[(item.Kind, item.Id)] = item.Version;
            }
        }
    }

    private void WriteAll(StoreWrite write)
    {
        if (write.Partners.Count > 0)
        {
            var c = Statement("INSERT OR REPLACE INTO partners (id, role, names_json, public_key, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)");
            foreach (var p in write.Partners)
            {
                c.Text(1, p.Id).Text(2, p.Role).Text(3, p.NamesJson).Blob(4, p.PublicKey).Blob(5, p.TokenHash).Integer(6, p.CreatedAt.UtcTicks).Run();
            }
        }

        if (write.Agreements.Count > 0)
        {
            var c = Statement("INSERT OR REPLACE INTO agreements (owner, recipient, kind, level) VALUES ($1, $2, $3, $4)");
            foreach (var a in write.Agreements)
            {
                c.Text(1, a.Owner).Text(2, a.Recipient).Text(3, a.Kind).Text(4, a.Level).Run();
            }
        }

        if (write.Items.Count > 0)
        {
            var c = Statement("INSERT INTO item_versions (kind, id, owner, version, state, body_json, body_hash, updated_at, ledger_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
            foreach (var i in write.Items)
            {
                c.Text(1, i.Kind).Text(2, i.Id).Text(3, i.Owner).Integer(4, i.Version).Text(5, i.State).Text(6, i.BodyJson)
                    .Blob(7, i.BodyHash).Integer(8, i.UpdatedAt.UtcTicks).Integer(9, i.LedgerIndex).Run();
            }
        }

        if (write.Conflicts.Count > 0)
        {
            var c = Statement("INSERT INTO conflict_versions (id, state, opened_at, closed_at, body_json) VALUES ($1, $2, $3, $4, $5)");
            foreach (var x in write.Conflicts)
            {
                c.Text(1, x.Id).Text(2, x.State).Integer(3, x.OpenedAt.UtcTicks).Integer(4, x.ClosedAt?.UtcTicks).Text(5, x.BodyJson).Run();
            }
        }

        if (write.Notifications.Count > 0)
        {
            var c = Statement("INSERT INTO notification_versions (id, recipient, state, created_at, deadline_at, body_json) VALUES ($1, $2, $3, $4, $5, $6)");
            foreach (var n in write.Notifications)
            {
                c.Text(1, n.Id).Text(2, n.Recipient).Text(3, n.State).Integer(4, n.CreatedAt.UtcTicks).Integer(5, n.DeadlineAt?.UtcTicks).Text(6, n.BodyJson).Run();
            }
        }

        if (write.Events.Count > 0)
        {
            var c = Statement("INSERT INTO events (seq, time, type, subject_kind, subject_id, payload_json) VALUES ($1, $2, $3, $4, $5, $6)");
            foreach (var e in write.Events)
            {
                c.Integer(1, e.Sequence).Integer(2, e.Time.UtcTicks).Text(3, e.Type).Text(4, e.SubjectKind).Text(5, e.SubjectId).Text(6, e.PayloadJson).Run();
            }
        }

        if (write.Ledger.Count > 0)
        {
            var c = Statement("INSERT INTO ledger (idx, leaf, salt, content, subject) VALUES ($1, $2, $3, $4, $5)");
            foreach (var l in write.Ledger)
            {
                c.Integer(1, l.Index).Blob(2, l.Leaf).Blob(3, l.Salt).Blob(4, l.Content).Text(5, l.Subject).Run();
            }
        }
    }

    // The write connection's statement for the SQL, prepared on first use (only under _writeLock).
    private WriteStatement Statement(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var statement))
        {
            statement = new WriteStatement(_writer!, sql);
            _prepared.Add(sql, statement);
        }

        return statement;
    }

    private static WebhookRecord ReadWebhook(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Time(r.GetInt64(2)), r.GetInt64(3));

    private async Task<int> WriteWebhookAsync(string sql, string partner, long cursor, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$partner", partner);
            command.Parameters.AddWithValue("$cursor", cursor);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static ItemRecord ReadItem(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), (byte[])r[6], Time(r.GetInt64(7)), r.GetInt64(8));

    private static DateTimeOffset Time(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ReadAsync(SqliteConnection connection, string sql, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
            // A WAL started over is cut back to twice its restart length (4 KB pages), not below: cut shorter, it would
            // grow again, block by block, in every cycle.
            var walLimit = 2L * _restartFrames * (4_096 + 24);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={walLimit};"), cancellationToken).ConfigureAwait(false);
            _writer = connection;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() => CheckpointLoop(done)) { IsBackground = true, Name = "sqlite-checkpoint" }.Start();
            _checkpointer = done.Task;
        }

        return _writer;
    }
}
