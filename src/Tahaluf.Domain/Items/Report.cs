using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>A free information message with a label. Immutable and thread-safe; validate with <see cref="ItemValidator"/>.</summary>
/// <param name="Id">Client-chosen id.</param>
/// <param name="Owner">The declaring partner's id.</param>
/// <param name="Version">Version number, from 1.</param>
/// <param name="Label">Releasability marking.</param>
/// <param name="Text">The message, 1 to <see cref="ItemLimits.MaxReportTextLength"/> characters, any script (full level).</param>
/// <param name="Language">BCP 47 language tag of <paramref name="Text"/>, e.g. <c>ru</c> (full level).</param>
/// <param name="Geometry">Optional volume the report is about (envelope level).</param>
public sealed record Report(
    string Id,
    string Owner,
    long Version,
    Label Label,
    string Text,
    string Language,
    Volume4D? Geometry) : Item(Id, Owner, Label)
{
    /// <inheritdoc />
    public override ItemKind Kind => ItemKind.Report;
}
