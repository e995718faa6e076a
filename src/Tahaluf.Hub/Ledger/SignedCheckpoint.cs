using Tahaluf.Ledger.Checkpoints;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Hub.Ledger;

/// <summary>A checkpoint and its signed note.</summary>
/// <param name="Checkpoint">The checkpoint (origin, size, root).</param>
/// <param name="Note">The signed note carrying it.</param>
public sealed record SignedCheckpoint(Checkpoint Checkpoint, SignedNote Note);
