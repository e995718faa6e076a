using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Agreements;

/// <summary>
/// All agreements in force, at most one per (owner, recipient, kind). Immutable and thread-safe:
/// <see cref="With"/> and <see cref="Without"/> return new sets.
/// </summary>
public sealed class AgreementSet
{
    private readonly ImmutableDictionary<(string Owner, string Recipient, ItemKind Kind), Agreement> _byKey;

    private AgreementSet(ImmutableDictionary<(string, string, ItemKind), Agreement> byKey) => _byKey = byKey;

    /// <summary>The set with no agreements: every level between different partners is none.</summary>
    public static AgreementSet Empty { get; } = new(ImmutableDictionary<(string, string, ItemKind), Agreement>.Empty);

    /// <summary>Number of agreements.</summary>
    public int Count => _byKey.Count;

    /// <summary>All agreements, ordered by owner, recipient, kind (ordinal).</summary>
    public IEnumerable<Agreement> All =>
        _byKey.Values
            .OrderBy(a => a.Owner, StringComparer.Ordinal)
            .ThenBy(a => a.Recipient, StringComparer.Ordinal)
            .ThenBy(a => a.Kind);

    /// <summary>Builds a set; a later agreement for the same (owner, recipient, kind) replaces an earlier one.</summary>
    /// <param name="agreements">The agreements.</param>
    /// <returns>The set.</returns>
    public static AgreementSet Create(IEnumerable<Agreement> agreements)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        var builder = ImmutableDictionary.CreateBuilder<(string, string, ItemKind), Agreement>();
        foreach (var a in agreements)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(agreements));
            builder[(a.Owner, a.Recipient, a.Kind)] = a;
        }

        return new AgreementSet(builder.ToImmutable());
    }

    /// <summary>The level <paramref name="owner"/> grants <paramref name="recipient"/> for <paramref name="kind"/>; none when absent.</summary>
    /// <param name="owner">Owner partner id.</param>
    /// <param name="recipient">Recipient partner id.</param>
    /// <param name="kind">Item kind.</param>
    /// <returns>The granted level.</returns>
    public ReleaseLevel LevelFor(string owner, string recipient, ItemKind kind) =>
        _byKey.TryGetValue((owner, recipient, kind), out var a) ? a.Level : ReleaseLevel.None;

    /// <summary>This set with <paramref name="agreement"/> added, replacing any for the same (owner, recipient, kind).</summary>
    /// <param name="agreement">The agreement.</param>
    /// <returns>A new set.</returns>
    public AgreementSet With(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return new AgreementSet(_byKey.SetItem((agreement.Owner, agreement.Recipient, agreement.Kind), agreement));
    }

    /// <summary>This set without the agreement for (owner, recipient, kind), if any.</summary>
    /// <param name="owner">Owner partner id.</param>
    /// <param name="recipient">Recipient partner id.</param>
    /// <param name="kind">Item kind.</param>
    /// <returns>A new set (or this one when nothing was removed).</returns>
    public AgreementSet Without(string owner, string recipient, ItemKind kind)
    {
        var next = _byKey.Remove((owner, recipient, kind));
        return ReferenceEquals(next, _byKey) ? this : new AgreementSet(next);
    }

    /// <summary>Agreements granted by <paramref name="owner"/>.</summary>
    /// <param name="owner">Owner partner id.</param>
    /// <returns>The agreements, in <see cref="All"/> order.</returns>
    public IEnumerable<Agreement> From(string owner) => All.Where(a => string.Equals(a.Owner, owner, StringComparison.Ordinal));

    /// <summary>Agreements granted to <paramref name="recipient"/>.</summary>
    /// <param name="recipient">Recipient partner id.</param>
    /// <returns>The agreements, in <see cref="All"/> order.</returns>
    public IEnumerable<Agreement> To(string recipient) => All.Where(a => string.Equals(a.Recipient, recipient, StringComparison.Ordinal));
}
