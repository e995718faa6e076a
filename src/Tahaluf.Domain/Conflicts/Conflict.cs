using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Conflicts;

/// <summary>
/// Two items of different owners closer than the separation minima. Immutable and thread-safe;
/// read it for a party only through <see cref="Release.ReleasePolicy.ProjectConflict"/>.
/// </summary>
/// <param name="Id">Stable id chosen by the hub.</param>
/// <param name="A">One party; its owner differs from <paramref name="B"/>'s.</param>
/// <param name="B">The other party.</param>
/// <param name="Encounter">
/// The safety minimum as one volume: its footprint is the overlap region (clipped, or a bounding box), its altitudes
/// the band where separation is lost (metres, WGS84 ellipsoid), its window the encounter time window (half-open, UTC).
/// </param>
/// <param name="OpenedAt">When the hub found the conflict, UTC.</param>
/// <param name="ClosedAt">When it stopped (an item changed, ended or the encounter passed), UTC; null while open.</param>
/// <param name="Source">Declared volumes or a track prediction.</param>
public sealed record Conflict(
    string Id,
    ConflictParty A,
    ConflictParty B,
    Volume4D Encounter,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    ConflictSource Source)
{
    /// <summary>True while <see cref="ClosedAt"/> is null.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Whether <paramref name="partner"/> is one of the two parties (ordinal comparison).</summary>
    /// <param name="partner">A partner id.</param>
    /// <returns>True for a party.</returns>
    public bool Involves(string partner) => PartyOf(partner) is not null;

    /// <summary>The side belonging to <paramref name="partner"/>, or null when it is not a party.</summary>
    /// <param name="partner">A partner id.</param>
    /// <returns>The party or null.</returns>
    public ConflictParty? PartyOf(string partner) =>
        string.Equals(A.Owner, partner, StringComparison.Ordinal) ? A
        : string.Equals(B.Owner, partner, StringComparison.Ordinal) ? B
        : null;

    /// <summary>The side opposite <paramref name="partner"/>, or null when it is not a party.</summary>
    /// <param name="partner">A partner id.</param>
    /// <returns>The other party or null.</returns>
    public ConflictParty? OtherThan(string partner) =>
        string.Equals(A.Owner, partner, StringComparison.Ordinal) ? B
        : string.Equals(B.Owner, partner, StringComparison.Ordinal) ? A
        : null;

    /// <summary>This conflict closed at <paramref name="at"/>; an already closed conflict is returned unchanged.</summary>
    /// <param name="at">Closing time, UTC.</param>
    /// <returns>The closed conflict.</returns>
    public Conflict Close(DateTimeOffset at) => IsOpen ? this with { ClosedAt = at } : this;
}
