using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tahaluf.Cli.Tests.Durability;

/// <summary>A <c>tahaluf serve</c> child process on a free loopback port, killable with SIGKILL.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServeProcess> StartAsync(string dataDir, string adminToken, int? port = null)
    {
        port ??= FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "tahaluf.dll"), "serve", "--data-dir", dataDir, "--urls", address.ToString().TrimEnd('/'), "--admin-token", adminToken })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var serve = new ServeProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"tahaluf serve exited with {process.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return serve;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        serve.Kill();
        throw new TimeoutException("tahaluf serve did not become healthy within 60 s");
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            // Process.Kill sends SIGKILL on Unix: no shutdown code runs.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
