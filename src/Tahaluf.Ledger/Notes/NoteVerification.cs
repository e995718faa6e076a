using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Ledger.Notes;

/// <summary>The outcome of verifying a signed note against a set of known keys.</summary>
public sealed class NoteVerification
{
    private NoteVerification(IReadOnlyList<VerifiedSignature> verified, LedgerError? error)
    {
        Verified = verified;
        Error = error;
    }

    /// <summary>The signatures that verified, in note order; empty on failure.</summary>
    public IReadOnlyList<VerifiedSignature> Verified { get; }

    /// <summary>Why the note was rejected; null when it verified.</summary>
    public LedgerError? Error { get; }

    /// <summary>True when at least one known key signed the note and no known key's signature failed.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsVerified => Error is null;

    internal static NoteVerification Success(IReadOnlyList<VerifiedSignature> verified) => new(verified, null);

    internal static NoteVerification Failure(string code, string message) => new([], new LedgerError(code, message));
}
