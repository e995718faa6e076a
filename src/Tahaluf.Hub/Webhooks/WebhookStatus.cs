namespace Tahaluf.Hub.Webhooks;

/// <summary>A partner's webhook and how its deliveries are going.</summary>
/// <param name="Partner">The partner.</param>
/// <param name="Url">The callback URL.</param>
/// <param name="CreatedAt">When it was first registered, UTC (hub clock).</param>
/// <param name="Cursor">Durable cursor: deliveries resume after this event sequence.</param>
/// <param name="Pending">Deliveries addressed to the partner after the cursor (a lower bound when <paramref name="PendingExact"/> is false).</param>
/// <param name="PendingExact">False when counting stopped at <see cref="WebhookOptions.PendingScanLimit"/> events.</param>
/// <param name="Delivered">Deliveries answered 2xx since this hub process started.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success.</param>
/// <param name="LastAttemptAt">When the last attempt ended (wall clock, UTC), or null.</param>
/// <param name="LastSuccessAt">When the last 2xx was received (wall clock, UTC), or null.</param>
/// <param name="LastError">Why the last failed attempt failed (e.g. <c>HTTP 503</c>, a timeout), or null after a success.</param>
public sealed record WebhookStatus(
    string Partner,
    string Url,
    DateTimeOffset CreatedAt,
    long Cursor,
    long Pending,
    bool PendingExact,
    long Delivered,
    int ConsecutiveFailures,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    string? LastError);
