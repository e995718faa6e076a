using System.Diagnostics;
using System.Globalization;

namespace Tahaluf.Crash;

/// <summary>One <c>tahaluf serve</c> process on 127.0.0.1, started, killed with SIGKILL and restarted by the harness.</summary>
internal sealed class HubProcess(string cli, string dataDir, string adminToken, string? postgres, string name) : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; private set; } = FreePort();

    public string Name => name;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public string LogPath => Path.Combine(dataDir, name + ".log");

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            cli, "serve", "--data-dir", dataDir, "--urls", BaseAddress.ToString().TrimEnd('/'), "--admin-token", adminToken, "--cot", "none",
            "--webhook-allow-loopback-http", "--webhook-max-retry-delay-s", "2",
        })
        {
            info.ArgumentList.Add(a);
        }

        if (postgres is not null)
        {
            info.ArgumentList.Add("--store");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--connection");
            info.ArgumentList.Add(postgres);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var log = File.AppendText(LogPath);
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} did not answer /healthz within 60 s; see {LogPath}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
