namespace Tahaluf.Scenarios.Replay;

/// <summary>An acknowledgement made by the replay on a partner's behalf. Immutable.</summary>
/// <param name="Partner">The acknowledging partner.</param>
/// <param name="NotificationId">The notification.</param>
/// <param name="At">Simulated time of the ack, UTC.</param>
/// <param name="LedgerIndex">The ack's ledger entry.</param>
public sealed record AckRecord(string Partner, string NotificationId, DateTimeOffset At, long LedgerIndex);
