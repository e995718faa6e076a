using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tahaluf.Hub;
using Tahaluf.Hub.Storage;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Server.Api.Webhooks;

/// <summary>Registration of webhook delivery in the server's services.</summary>
internal static class WebhookServices
{
    /// <summary>
    /// Adds the <see cref="WebhookDispatcher"/> (for <see cref="WebhooksApi"/>) and runs it with the application.
    /// Webhooks are signed with the hub's ledger key, read from <paramref name="signerKeyPath"/>.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, WebhookOptions options, HubService hub, IHubStore store, string signerKeyPath)
    {
        var parsed = NoteSigner.Parse(File.ReadAllText(signerKeyPath).Trim());
        if (!parsed.Success)
        {
            throw new InvalidDataException($"{signerKeyPath} does not hold a signer key: {parsed.Error.Message}");
        }

        var signer = parsed.Value!;
        var dispatcher = new WebhookDispatcher(hub, store, signer, options);
        services.AddSingleton(dispatcher);
        services.AddSingleton<IHostedService>(new WebhookHostedService(dispatcher, signer));
        return services;
    }
}
