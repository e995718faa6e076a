using System.Diagnostics.CodeAnalysis;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Ledger.Receipts;

/// <summary>
/// What a verified receipt proves: the entry with the given leaf hash is at <see cref="Index"/> in the log
/// <see cref="Origin"/>'s tree of <see cref="TreeSize"/> leaves with root <see cref="RootHash"/>, signed by
/// the log key and cosigned by <see cref="Witnesses"/>. On failure only <see cref="Error"/> is meaningful.
/// </summary>
public sealed class ReceiptVerification
{
    private ReceiptVerification(LedgerError? error, string origin, long treeSize, long index, byte[] rootHash, VerifiedSignature? log, IReadOnlyList<VerifiedSignature> witnesses)
    {
        Error = error;
        Origin = origin;
        TreeSize = treeSize;
        Index = index;
        RootHash = rootHash;
        LogSignature = log;
        Witnesses = witnesses;
    }

    /// <summary>Null when the receipt verified; otherwise why not.</summary>
    public LedgerError? Error { get; }

    /// <summary>True when signature and inclusion both verified.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(LogSignature))]
    public bool IsVerified => Error is null;

    /// <summary>The checkpoint's origin.</summary>
    public string Origin { get; }

    /// <summary>The checkpoint's tree size in leaves.</summary>
    public long TreeSize { get; }

    /// <summary>The entry's zero-based index.</summary>
    public long Index { get; }

    /// <summary>The checkpoint's root hash.</summary>
    public byte[] RootHash { get; }

    /// <summary>The log's verified signature.</summary>
    public VerifiedSignature? LogSignature { get; }

    /// <summary>The witness cosignatures that verified (with their timestamps), in note order.</summary>
    public IReadOnlyList<VerifiedSignature> Witnesses { get; }

    internal static ReceiptVerification Success(string origin, long treeSize, long index, byte[] rootHash, VerifiedSignature log, IReadOnlyList<VerifiedSignature> witnesses) =>
        new(null, origin, treeSize, index, rootHash, log, witnesses);

    internal static ReceiptVerification Failure(LedgerError error) => new(error, string.Empty, 0, 0, [], null, []);
}
