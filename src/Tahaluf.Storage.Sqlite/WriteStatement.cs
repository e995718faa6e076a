using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tahaluf.Storage.Sqlite;

/// <summary>
/// One statement of the write connection, prepared once and then bound and stepped through SQLitePCL (the
/// layer Microsoft.Data.Sqlite is built on) for every commit. <see cref="SqliteCommand"/> allocated a binder per
/// parameter, a UTF-8 array per text, a reader and an enumerator per execution: a sixth of everything the hub
/// allocated under load, each collection of it a pause of every request. Text is encoded into one buffer that
/// SQLite copies at bind time. Errors are thrown as the <see cref="SqliteException"/> the command would have
/// thrown. Not thread-safe: used only under the store's write lock.
/// </summary>
internal sealed class WriteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[1024];

    /// <summary>Prepares <paramref name="sql"/> on the connection, which must stay open until disposal.</summary>
    /// <param name="connection">The open write connection.</param>
    /// <param name="sql">One statement with numbered parameters ($1, $2, ...).</param>
    public WriteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the write connection is not open");
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out _);
        if (rc != raw.SQLITE_OK)
        {
            _statement?.Dispose();
            throw Error(rc);
        }
    }

    /// <summary>Binds a text (null binds NULL).</summary>
    /// <param name="index">Parameter number, from 1.</param>
    /// <param name="value">The text.</param>
    /// <returns>This statement.</returns>
    public WriteStatement Text(int index, string? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        // Grown to what the text needs (not to the 3-bytes-a-char worst case): the buffer lives as long as the store.
        if (Encoding.UTF8.GetMaxByteCount(value.Length) > _text.Length && Encoding.UTF8.GetByteCount(value) is var needed && needed > _text.Length)
        {
            _text = new byte[Math.Max(needed, _text.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _text);
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
        return this;
    }

    /// <summary>Binds a blob (null binds NULL).</summary>
    /// <param name="index">Parameter number, from 1.</param>
    /// <param name="value">The bytes.</param>
    /// <returns>This statement.</returns>
    public WriteStatement Blob(int index, byte[]? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>Binds an integer (null binds NULL).</summary>
    /// <param name="index">Parameter number, from 1.</param>
    /// <param name="value">The integer.</param>
    /// <returns>This statement.</returns>
    public WriteStatement Integer(int index, long? value)
    {
        if (value is not { } v)
        {
            return Null(index);
        }

        Check(raw.sqlite3_bind_int64(_statement, index, v));
        return this;
    }

    /// <summary>Binds a real.</summary>
    /// <param name="index">Parameter number, from 1.</param>
    /// <param name="value">The number.</param>
    /// <returns>This statement.</returns>
    public WriteStatement Real(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement to its end and resets it for the next binding.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_statement);
        while (rc == raw.SQLITE_ROW)
        {
            rc = raw.sqlite3_step(_statement);
        }

        Finish(rc);
    }

    /// <summary>Runs a query and returns the first column of its first row as an integer, or null without a row.</summary>
    /// <returns>The value, or null when there was no row or it was NULL.</returns>
    public long? Scalar()
    {
        var rc = raw.sqlite3_step(_statement);
        long? value = null;
        if (rc == raw.SQLITE_ROW)
        {
            if (raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL)
            {
                value = raw.sqlite3_column_int64(_statement, 0);
            }

            rc = raw.SQLITE_DONE;
        }

        Finish(rc);
        return value;
    }

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private WriteStatement Null(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    private void Finish(int rc)
    {
        // The error is read before the reset, which keeps the step's code but may clear its message.
        var error = rc == raw.SQLITE_DONE ? null : Error(rc);
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
        if (error is not null)
        {
            throw error;
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new("SQLite Error " + rc.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": '" + raw.sqlite3_errmsg(_db).utf8_to_string() + "'.", rc, raw.sqlite3_extended_errcode(_db));
}
