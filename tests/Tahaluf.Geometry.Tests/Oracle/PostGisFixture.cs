using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// A PostgreSQL database with PostGIS for the oracle tests: the one named by the <c>TAHALUF_TEST_PG</c>
/// connection string if set, otherwise a throwaway cluster started with <c>scripts/pg-cluster.sh</c> and
/// stopped at the end. When neither works the tests fail with the reason; they never skip.
/// </summary>
public sealed class PostGisFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "TAHALUF_TEST_PG";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private string? _clusterDirectory;
    private string? _script;
    private string? _failure;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Where the database came from, for the test output.</summary>
    public string Origin { get; private set; } = "none";

    /// <summary>The database, or an exception carrying the reason it could not be had.</summary>
    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException(
            $"No PostgreSQL/PostGIS for the oracle test: {_failure}. Set {ConnectionStringVariable} to an Npgsql "
            + "connection string of a database with PostGIS, or run 'scripts/pg-cluster.sh install' as root so the "
            + "test can start its own cluster.");

    public async Task InitializeAsync()
    {
        try
        {
            var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                Origin = "throwaway cluster from scripts/pg-cluster.sh";
                var watch = Stopwatch.StartNew();
                connectionString = await StartClusterAsync();
                Origin = string.Create(
                    CultureInfo.InvariantCulture,
                    $"throwaway cluster in {_clusterDirectory}, started in {watch.Elapsed.TotalSeconds:F1} s");
            }
            else
            {
                Origin = ConnectionStringVariable;
            }

            var dataSource = NpgsqlDataSource.Create(connectionString);
            try
            {
                await using var command = dataSource.CreateCommand(
                    "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis");
                await command.ExecuteNonQueryAsync();
            }
            catch
            {
                await dataSource.DisposeAsync();
                throw;
            }

            _dataSource = dataSource;
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or IOException
            or System.ComponentModel.Win32Exception or TimeoutException or ArgumentException)
        {
            _failure = $"{Origin}: {e.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_clusterDirectory is not null && _script is not null)
        {
            try
            {
                await RunScriptAsync(_script, "stop", _clusterDirectory);
            }
            finally
            {
                TryDelete(_clusterDirectory);
            }
        }
    }

    private async Task<string> StartClusterAsync()
    {
        _script = Path.Combine(FindRepositoryRoot(), "scripts", "pg-cluster.sh");
        if (!File.Exists(_script))
        {
            throw new InvalidOperationException($"{_script} not found");
        }

        _clusterDirectory = Path.Combine(Path.GetTempPath(), $"tahaluf-oracle-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_clusterDirectory);
        var output = await RunScriptAsync(_script, "start", _clusterDirectory);
        var connectionString = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        return string.IsNullOrEmpty(connectionString)
            ? throw new InvalidOperationException("pg-cluster.sh start printed no connection string")
            : connectionString;
    }

    private static async Task<string> RunScriptAsync(string script, string verb, string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pg-cluster.sh {verb} took longer than {ScriptTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg-cluster.sh {verb} exited with {process.ExitCode}: {(await stderr).Trim()}");
        }

        return await stdout;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tahaluf.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Tahaluf.slnx above {AppContext.BaseDirectory}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless; failing the run over it would not be.
        }
    }
}
