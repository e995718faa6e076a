using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tahaluf.Server.Tests.Webhooks;

/// <summary>
/// A partner's callback: a tiny Kestrel app on 127.0.0.1 that records every POST. It can answer 503 instead
/// of 200, or be stopped and started again on the same port (the registered URL stays valid).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Received> _accepted = [];
    private WebApplication? _app;
    private int _port;
    private int _attempts;

    /// <summary>One POST the receiver answered 2xx.</summary>
    public sealed record Received(string DeliveryId, string? Event, string? Signature, string? Timestamp, byte[] Body);

    /// <summary>When true every POST is answered 503 (and not recorded as accepted).</summary>
    public bool Failing { get; set; }

    public string Url => $"http://127.0.0.1:{_port}/hook";

    /// <summary>POSTs received, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<Received> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAgainAsync();
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _attempts);
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            if (Failing)
            {
                return Results.StatusCode((int)HttpStatusCode.ServiceUnavailable);
            }

            var headers = context.Request.Headers;
            lock (_gate)
            {
                _accepted.Add(new Received(headers["Tahaluf-Delivery-Id"].ToString(), headers["Tahaluf-Event"], headers["Tahaluf-Signature"], headers["Tahaluf-Timestamp"], buffer.ToArray()));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> deliveries were accepted (at most 20 s).</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Accepted.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Accepted;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
