using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>
/// A conflict as one of its two parties may see it. Always holds the safety minimum (the other party's id, the
/// encounter window, the overlap region, the altitude band); the other item itself only when the recipient's level
/// for it is at least <see cref="ReleaseLevel.Envelope"/>. Built only by <see cref="ReleasePolicy.ProjectConflict"/>.
/// </summary>
public sealed record ConflictNotice
{
    internal ConflictNotice(
        string conflictId,
        ConflictSource source,
        string recipient,
        ItemRef ownItem,
        string otherParty,
        Volume4D encounter,
        DateTimeOffset openedAt,
        DateTimeOffset? closedAt,
        ReleaseLevel level,
        ItemView? otherItem)
    {
        ConflictId = conflictId;
        Source = source;
        Recipient = recipient;
        OwnItem = ownItem;
        OtherParty = otherParty;
        Encounter = encounter;
        OpenedAt = openedAt;
        ClosedAt = closedAt;
        Level = level;
        OtherItem = otherItem;
    }

    /// <summary>The conflict's id.</summary>
    public string ConflictId { get; }

    /// <summary>Declared or predicted.</summary>
    public ConflictSource Source { get; }

    /// <summary>The party this notice is for.</summary>
    public string Recipient { get; }

    /// <summary>The recipient's own item in the conflict.</summary>
    public ItemRef OwnItem { get; }

    /// <summary>The other party's partner id (safety minimum).</summary>
    public string OtherParty { get; }

    /// <summary>Encounter window, overlap region (footprint or bounding box) and altitude band (safety minimum).</summary>
    public Volume4D Encounter { get; }

    /// <summary>When the hub found the conflict, UTC.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>When the conflict stopped, UTC; null while open.</summary>
    public DateTimeOffset? ClosedAt { get; }

    /// <summary>
    /// The level this notice is released at: the recipient's effective level for the other item, raised to
    /// <see cref="ReleaseLevel.Safety"/> by the safety override.
    /// </summary>
    public ReleaseLevel Level { get; }

    /// <summary>The other item as the recipient may see it; null when <see cref="Level"/> is <see cref="ReleaseLevel.Safety"/> or the item was not supplied.</summary>
    public ItemView? OtherItem { get; }
}
