namespace Tahaluf.Ledger.Merkle;

/// <summary>Maps <see cref="ProofStatus"/> values to the stable <see cref="LedgerErrorCodes"/>.</summary>
public static class ProofStatusExtensions
{
    /// <summary>The stable error code for a failed status, or <see langword="null"/> for <see cref="ProofStatus.Verified"/>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>One of <see cref="LedgerErrorCodes"/>, or null.</returns>
    public static string? ToErrorCode(this ProofStatus status) => status switch
    {
        ProofStatus.Verified => null,
        ProofStatus.IndexOutOfRange => LedgerErrorCodes.IndexOutOfRange,
        ProofStatus.TreeShrank => LedgerErrorCodes.TreeShrank,
        ProofStatus.EmptyTreeConsistency => LedgerErrorCodes.EmptyTreeConsistency,
        ProofStatus.WrongProofLength => LedgerErrorCodes.WrongProofLength,
        ProofStatus.MalformedHash => LedgerErrorCodes.MalformedHash,
        ProofStatus.RootMismatch => LedgerErrorCodes.RootMismatch,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown proof status."),
    };
}
