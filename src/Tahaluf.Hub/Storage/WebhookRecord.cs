namespace Tahaluf.Hub.Storage;

/// <summary>A partner's registered webhook and its durable delivery cursor.</summary>
/// <param name="Partner">The partner that receives the deliveries (one webhook per partner).</param>
/// <param name="Url">Absolute callback URL the hub POSTs to.</param>
/// <param name="CreatedAt">When the webhook was first registered, UTC; replacing the URL keeps it.</param>
/// <param name="Cursor">
/// Sequence of the last hub event the partner's deliveries are done with (delivered with a 2xx answer, or not
/// addressed to the partner); deliveries resume after it. Only ever moves forward.
/// </param>
public sealed record WebhookRecord(string Partner, string Url, DateTimeOffset CreatedAt, long Cursor);
