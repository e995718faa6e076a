namespace Tahaluf.Hub.Storage;

/// <summary>
/// An entry of the hub's event stream (the live feed's source, resumable by <see cref="Sequence"/>).
/// Events are stored unprojected; every reader projects them through the release policy.
/// </summary>
/// <param name="Sequence">Position in the stream, assigned by the store on commit, strictly increasing from 1.</param>
/// <param name="Time">When the event happened, UTC.</param>
/// <param name="Type">Event type: <c>item</c>, <c>conflict</c>, <c>notification</c>, <c>ack</c>, <c>escalated</c>, <c>agreement</c>, <c>partner</c>.</param>
/// <param name="SubjectKind">Kind of the subject (item kind, <c>conflict</c>, <c>notification</c>...).</param>
/// <param name="SubjectId">Id of the subject.</param>
/// <param name="PayloadJson">Type-specific JSON payload.</param>
public sealed record EventRecord(long Sequence, DateTimeOffset Time, string Type, string SubjectKind, string SubjectId, string PayloadJson);
