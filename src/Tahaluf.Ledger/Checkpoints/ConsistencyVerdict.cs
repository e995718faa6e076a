using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Ledger.Checkpoints;

/// <summary>A witness's decision on a new checkpoint: consistent with the last one seen, or why not.</summary>
/// <param name="Error">Null when consistent; otherwise the reason (<see cref="LedgerErrorCodes.Fork"/>, <see cref="LedgerErrorCodes.TreeShrank"/>, <see cref="LedgerErrorCodes.OriginMismatch"/> or a proof failure code).</param>
public sealed record ConsistencyVerdict(LedgerError? Error)
{
    /// <summary>The verdict for a consistent checkpoint.</summary>
    public static ConsistencyVerdict Consistent { get; } = new((LedgerError?)null);

    /// <summary>True when the new checkpoint extends the old one.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsConsistent => Error is null;
}
