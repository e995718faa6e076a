namespace Tahaluf.Hub.Storage;

/// <summary>
/// Durable webhook registrations and their delivery cursors (port), beside the <see cref="IHubStore"/> whose
/// event stream is the outbox the webhooks drain. Kept apart from <see cref="IHubStore"/> so stores that hold
/// no webhooks (test doubles) need not implement it. All methods are safe to call concurrently, and every
/// write has been made durable when its task completes.
/// </summary>
public interface IWebhookStore
{
    /// <summary>
    /// Registers a partner's webhook, or replaces the URL of the registered one. A replacement keeps the stored
    /// <see cref="WebhookRecord.CreatedAt"/> and <see cref="WebhookRecord.Cursor"/>, so nothing pending is lost
    /// or sent twice because the URL changed; a new registration stores <paramref name="webhook"/> as given.
    /// </summary>
    /// <param name="webhook">The registration.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registration as stored now.</returns>
    Task<WebhookRecord> PutWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken);

    /// <summary>Removes a partner's webhook and its cursor.</summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when one was registered.</returns>
    Task<bool> DeleteWebhookAsync(string partner, CancellationToken cancellationToken);

    /// <summary>One partner's webhook, or null.</summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registration or null.</returns>
    Task<WebhookRecord?> GetWebhookAsync(string partner, CancellationToken cancellationToken);

    /// <summary>Every registered webhook, ordered by partner id.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registrations.</returns>
    Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves a partner's cursor forward to <paramref name="sequence"/>; a cursor already at or beyond it is left
    /// alone (so a late or repeated call never moves it back).
    /// </summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="sequence">Event sequence, non-negative.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when the cursor moved; false when it was already there or beyond, or no webhook is registered.</returns>
    Task<bool> AdvanceWebhookCursorAsync(string partner, long sequence, CancellationToken cancellationToken);
}
