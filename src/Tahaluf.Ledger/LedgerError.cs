namespace Tahaluf.Ledger;

/// <summary>An expected failure to read or verify ledger data: a stable code and a message.</summary>
/// <param name="Code">One of <see cref="LedgerErrorCodes"/>; stable across releases.</param>
/// <param name="Message">Plain-English explanation naming the offending part of the input.</param>
public sealed record LedgerError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
