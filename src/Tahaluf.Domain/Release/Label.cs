using System.Collections.Immutable;

namespace Tahaluf.Domain.Release;

/// <summary>
/// An item's own releasability marking, modelled on STANAG 4774 permissive categories. Immutable and thread-safe.
/// </summary>
/// <param name="ReleasableTo">
/// "REL TO" partner ids, or null for no list. With a list, a viewer not on it gets at most
/// <see cref="ReleaseLevel.Safety"/> whatever the agreements say; an empty list caps everyone but the owner.
/// </param>
/// <param name="Civil">True to publish the item (zones only) on the public civil feed, coarsened.</param>
/// <param name="Caveat">Free handling text, shown only at <see cref="ReleaseLevel.Full"/>; at most 256 characters.</param>
public sealed record Label(ImmutableArray<string>? ReleasableTo, bool Civil, string? Caveat)
{
    /// <summary>No list, not civil, no caveat: agreements alone decide.</summary>
    public static Label Unrestricted { get; } = new(null, false, null);

    /// <summary>
    /// True when the label lets <paramref name="viewer"/> go above <see cref="ReleaseLevel.Safety"/>:
    /// there is no list or the list contains the viewer (ordinal comparison).
    /// </summary>
    /// <param name="viewer">A partner id.</param>
    /// <returns>Whether the label's list admits the viewer.</returns>
    public bool Admits(string viewer) =>
        ReleasableTo is not { } list || list.Contains(viewer, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Equals(Label? other) =>
        other is not null
        && Civil == other.Civil
        && string.Equals(Caveat, other.Caveat, StringComparison.Ordinal)
        && (ReleasableTo, other.ReleasableTo) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.AsSpan().SequenceEqual(b.AsSpan()),
            _ => false,
        };

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Civil);
        hash.Add(Caveat, StringComparer.Ordinal);
        if (ReleasableTo is { } list)
        {
            foreach (var id in list)
            {
                hash.Add(id, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }
}
