using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Crash;

/// <summary>
/// A partner's webhook endpoint on 127.0.0.1 that de-duplicates by delivery id, as the product asks receivers
/// to: it counts every delivery (raw), processes each id once, and refuses a bad signature.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication _app;
    private int _port;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Event sequences in arrival order per partner (first delivery of each id only), to check the order.</summary>
    public ConcurrentDictionary<string, List<long>> Sequences { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ConcurrentDictionary<string, int>> Deliveries { get; } = new(StringComparer.Ordinal);

    public int BadSignatures;

    public NoteVerifier? Key { get; set; }

    public string Url(string partner) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}/hook/{partner}");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(null!);
        receiver._app = Build(receiver, 0);
        await receiver._app.StartAsync();
        receiver._port = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return receiver;
    }

    /// <summary>Takes the receiver down (connections refused), as a partner's outage.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Brings it back on the same port.</summary>
    public async Task RestartAsync()
    {
        _app = Build(this, _port);
        await _app.StartAsync();
    }

    private static WebApplication Build(WebhookReceiver receiver, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/hook/{partner}", async (HttpContext context, string partner) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (receiver.Key is { } key && !WebhookSignature.Verify(key, context.Request.Headers["Tahaluf-Signature"], context.Request.Headers["Tahaluf-Timestamp"], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
            {
                Interlocked.Increment(ref receiver.BadSignatures);
                return Results.StatusCode(401);
            }

            var id = context.Request.Headers["Tahaluf-Delivery-Id"].ToString();
            var count = receiver.Deliveries.GetOrAdd(partner, _ => new(StringComparer.Ordinal)).AddOrUpdate(id, 1, (_, n) => n + 1);
            if (count == 1)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(body);
                var list = receiver.Sequences.GetOrAdd(partner, _ => []);
                lock (list)
                {
                    list.Add(doc.RootElement.GetProperty("sequence").GetInt64());
                }
            }

            return Results.NoContent();
        });
        return app;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
