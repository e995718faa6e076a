namespace Tahaluf.Scenarios.Replay;

/// <summary>One thing the replay does at a simulated time.</summary>
/// <param name="At">When, UTC.</param>
/// <param name="Action">What.</param>
/// <param name="MovesTracks">True for track reports (a prediction cycle follows).</param>
internal sealed record ReplayStep(DateTimeOffset At, Func<Task> Action, bool MovesTracks);
