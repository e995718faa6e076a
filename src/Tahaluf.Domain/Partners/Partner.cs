using System.Collections.Immutable;

namespace Tahaluf.Domain.Partners;

/// <summary>A party connected to the hub. Immutable and thread-safe; validate with <see cref="PartnerValidator"/>.</summary>
/// <param name="Id">Short upper-case id, e.g. <c>RU</c> (<see cref="PartnerId"/>).</param>
/// <param name="Names">Display names by language tag (<c>ar</c>, <c>en</c>, <c>fr</c>, <c>ru</c>, …); at least one.</param>
/// <param name="Role">Member or observer.</param>
/// <param name="SigningPublicKey">Ed25519 public key (32 bytes) that verifies the partner's acks; empty when none is registered.</param>
public sealed record Partner(
    string Id,
    ImmutableDictionary<string, string> Names,
    PartnerRole Role,
    ImmutableArray<byte> SigningPublicKey)
{
    /// <summary>True when a signing key is registered.</summary>
    public bool HasSigningKey => !SigningPublicKey.IsDefaultOrEmpty;

    /// <summary>True for members; observers write nothing.</summary>
    public bool CanWrite => Role == PartnerRole.Member;

    /// <summary>The display name in <paramref name="language"/>, else English, else any name, else the id.</summary>
    /// <param name="language">A language tag such as <c>ar</c>.</param>
    /// <returns>A non-empty name.</returns>
    public string DisplayName(string language) =>
        Names.TryGetValue(language, out var name) ? name
        : Names.TryGetValue("en", out var english) ? english
        : Names.IsEmpty ? Id
        : Names.OrderBy(p => p.Key, StringComparer.Ordinal).First().Value;
}
