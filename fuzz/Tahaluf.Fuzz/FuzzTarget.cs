namespace Tahaluf.Fuzz;

/// <summary>
/// One decoder under fuzzing. <see cref="Run"/> feeds it one input; it returns a short outcome ("accepted" or the refusal's code) for a clean run; anything the harness
/// counts as a crash throws (an exception escaping the decoder, a <see cref="HarnessViolationException"/> for a
/// broken documented property, or a <see cref="RoundTripException"/> when the decoder's own writer produces text it
/// then refuses).
/// </summary>
internal sealed record FuzzTarget(string Name, string Covers, Func<byte[], string> Run);
