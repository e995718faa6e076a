using System.Globalization;
using Npgsql;

namespace Tahaluf.Storage.PostgreSql.Tests;

/// <summary>
/// A fresh schema in the throwaway cluster named by <c>TAHALUF_TEST_PG</c>, dropped on dispose, so tests
/// running in parallel share the cluster but never a table, a NOTIFY channel or an advisory lock.
/// </summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    public const string Variable = "TAHALUF_TEST_PG";

    private readonly NpgsqlDataSource _admin;
    private readonly string _adminConnectionString;

    private PostgresTestSchema(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false });
        Name = name;
    }

    public string Name { get; }

    public static async Task<PostgresTestSchema> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL superuser connection string. Run ./test.sh, or start a cluster with " +
                $"'d=$(mktemp -d); export {Variable}=$(bash scripts/pg-cluster.sh start $d)'.");
        }

        var schema = new PostgresTestSchema(admin, "t_" + Guid.NewGuid().ToString("N")[..16]);
        await schema.ExecuteAsync($"CREATE SCHEMA {schema.Name}");
        return schema;
    }

    /// <summary>A connection string into this schema; <paramref name="client"/> tells the store objects apart in <c>pg_stat_activity</c>.</summary>
    public string ConnectionString(string client) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { SearchPath = Name, ApplicationName = ApplicationName(client), MaxPoolSize = 20 }.ConnectionString;

    public string ApplicationName(string client) => Name + "-" + client;

    /// <summary>An open connection into this schema, outside any store.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_adminConnectionString) { SearchPath = Name, Pooling = false, ApplicationName = Name + "-admin" }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = _admin.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = _admin.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The server process ids of the sessions with this application name.</summary>
    public async Task<IReadOnlyList<int>> BackendsAsync(string applicationName)
    {
        await using var command = _admin.CreateCommand("SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        var result = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetInt32(0));
        }

        return result;
    }

    /// <summary>Kills the sessions with this application name, as a failover or a network cut would; returns how many.</summary>
    public async Task<int> TerminateAsync(string applicationName)
    {
        await using var command = _admin.CreateCommand("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        }
        finally
        {
            await _admin.DisposeAsync();
        }
    }
}
