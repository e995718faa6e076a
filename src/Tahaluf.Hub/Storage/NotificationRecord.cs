namespace Tahaluf.Hub.Storage;

/// <summary>A notification to one partner, as stored (the outbox).</summary>
/// <param name="Id">Stable id; deliveries are at-least-once and receivers de-duplicate by it.</param>
/// <param name="Recipient">Recipient partner id.</param>
/// <param name="State"><c>pending</c>, <c>acknowledged</c>, <c>overdue</c> (escalated, still unacknowledged).</param>
/// <param name="CreatedAt">When it was created, UTC.</param>
/// <param name="DeadlineAt">Acknowledgement deadline, UTC, or null when no acknowledgement is required.</param>
/// <param name="BodyJson">Canonical JSON of the domain notification.</param>
public sealed record NotificationRecord(string Id, string Recipient, string State, DateTimeOffset CreatedAt, DateTimeOffset? DeadlineAt, string BodyJson);
