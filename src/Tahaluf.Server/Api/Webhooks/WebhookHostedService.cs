using Microsoft.Extensions.Hosting;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Server.Api.Webhooks;

/// <summary>
/// Runs the <see cref="WebhookDispatcher"/> with the web application: its loops start when the application
/// has started and stop when it stops, which is before the hub is disposed.
/// </summary>
internal sealed class WebhookHostedService(WebhookDispatcher dispatcher, NoteSigner signer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => dispatcher.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await dispatcher.DisposeAsync().ConfigureAwait(false);
        signer.Dispose();
    }
}
