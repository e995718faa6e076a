using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>
/// What one viewer may see of one item, built only by <see cref="ReleasePolicy"/>. Every view holds an envelope part;
/// the details part exists only at <see cref="ReleaseLevel.Full"/>. Immutable and thread-safe.
/// </summary>
public abstract record ItemView
{
    private protected ItemView(ReleaseLevel level, ItemKind kind, string id, string owner)
    {
        Level = level;
        Kind = kind;
        Id = id;
        Owner = owner;
    }

    /// <summary>The viewer's effective level: <see cref="ReleaseLevel.Envelope"/> or <see cref="ReleaseLevel.Full"/>.</summary>
    public ReleaseLevel Level { get; }

    /// <summary>The item's kind.</summary>
    public ItemKind Kind { get; }

    /// <summary>The item's id.</summary>
    public string Id { get; }

    /// <summary>The owning partner's id.</summary>
    public string Owner { get; }
}
