using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tahaluf.Security.Tests;

/// <summary>
/// Every partner's webhook callback in one tiny Kestrel app on 127.0.0.1: <c>POST /hook/{partner}</c> is recorded
/// and answered 200, so the bodies the hub pushed to each partner can be scanned like any other output.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Received> _received = [];
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>One POST as received.</summary>
    public sealed record Received(string Partner, string DeliveryId, string Body);

    public string BaseUrl { get; private set; } = "";

    public string UrlFor(string partner) => BaseUrl + "/hook/" + partner;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{partner}", async (HttpContext context, string partner) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (receiver._gate)
            {
                receiver._received.Add(new Received(partner, context.Request.Headers["Tahaluf-Delivery-Id"].ToString(), body));
            }

            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First().TrimEnd('/');
        return receiver;
    }

    /// <summary>What <paramref name="partner"/>'s callback received so far.</summary>
    public IReadOnlyList<Received> For(string partner)
    {
        lock (_gate)
        {
            return [.. _received.Where(r => r.Partner == partner)];
        }
    }

    /// <summary>
    /// Waits (at most 20 s) until <paramref name="partner"/>'s callback has received every delivery id in
    /// <paramref name="expected"/>; returns what it received by then (the caller checks completeness).
    /// </summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(string partner, IReadOnlyCollection<string> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!expected.All(id => For(partner).Any(r => r.DeliveryId == id)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return For(partner);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
