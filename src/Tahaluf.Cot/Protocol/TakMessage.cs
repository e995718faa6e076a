using Tahaluf.Cot.Events;

namespace Tahaluf.Cot.Protocol;

/// <summary>The TAK protocol v1 payload (<c>TakMessage</c>, takmessage.proto): an optional control and an optional event.</summary>
/// <param name="Control">Field 1, or null.</param>
/// <param name="Event">Field 2, or null.</param>
public sealed record TakMessage(TakControl? Control, CotEvent? Event);
