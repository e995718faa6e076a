namespace Tahaluf.Scenarios;

/// <summary>An expected failure while loading a scenario or importing a file. Immutable.</summary>
/// <param name="Code">A <see cref="ScenarioErrorCodes"/> value.</param>
/// <param name="File">The file concerned.</param>
/// <param name="Field">The JSON path or item concerned, or null.</param>
/// <param name="Message">A human-readable message naming the file, item and field.</param>
public sealed record ScenarioError(string Code, string File, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
