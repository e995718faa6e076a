using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tahaluf.Cli;

namespace Tahaluf.Scenarios.Tests;

/// <summary><c>tahaluf demo</c> in-process at top speed: the hub comes up with the page and the civil feed, and Ctrl+C (cancellation) ends it with 0.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_TopSpeed_ServesThePageAndTheCivilFeedThenStopsCleanly()
    {
        var port = FreePort();
        var dir = Directory.CreateTempSubdirectory("tahaluf-demo-test-").FullName;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var run = Program.BuildRootCommand()
            .Parse(["demo", "--speed", "100000", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dir, "--version", "russian"])
            .InvokeAsync(cancellationToken: cts.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var hazards = 0;
        while (!cts.IsCancellationRequested && !run.IsCompleted && hazards < 3)
        {
            await Task.Delay(250);
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync("/public/v1/civil-feed"));
                hazards = doc.RootElement.GetProperty("features").GetArrayLength();
            }
            catch (HttpRequestException)
            {
            }
        }

        Assert.Equal(3, hazards);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
