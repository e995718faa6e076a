using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Items;

/// <summary>
/// Something a partner declares: an <see cref="Operation"/>, <see cref="Zone"/>, <see cref="Track"/> or <see cref="Report"/>.
/// Immutable and thread-safe. Read it for a viewer only through <see cref="ReleasePolicy"/>.
/// </summary>
/// <param name="Id">Client-chosen id, unique per owner and kind (<see cref="ItemId"/>).</param>
/// <param name="Owner">The declaring partner's id.</param>
/// <param name="Label">The item's releasability marking.</param>
public abstract record Item(string Id, string Owner, Label Label)
{
    /// <summary>The item's kind.</summary>
    public abstract ItemKind Kind { get; }

    /// <summary>A reference to this item.</summary>
    public ItemRef Ref => new(Kind, Owner, Id);
}
