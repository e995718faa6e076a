using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>The full-level part of a report.</summary>
/// <param name="Text">The message.</param>
/// <param name="Language">BCP 47 language tag of the text.</param>
/// <param name="Caveat">The label's caveat, or null.</param>
/// <param name="OwnLabel">The whole label; present only when the viewer is the owner.</param>
public sealed record ReportDetails(string Text, string Language, string? Caveat, Label? OwnLabel);
