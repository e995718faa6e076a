using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>
/// A civil-released zone as the public civil feed shows it: owner state, kind, outlines, altitude limits and
/// validity; never the name, caveat, anchor or id. Built only by <see cref="ReleasePolicy.ProjectForCivil"/>.
/// </summary>
public sealed record CivilHazard
{
    internal CivilHazard(string owner, ZoneKind zoneKind, ImmutableArray<Volume4D> volumes, VolumeSpan span)
    {
        Owner = owner;
        ZoneKind = zoneKind;
        Volumes = volumes;
        Span = span;
    }

    /// <summary>The publishing partner's id (a state or authority).</summary>
    public string Owner { get; }

    /// <summary>What the zone warns of.</summary>
    public ZoneKind ZoneKind { get; }

    /// <summary>Outline, altitude limits (metres, WGS84 ellipsoid) and validity window of each volume.</summary>
    public ImmutableArray<Volume4D> Volumes { get; }

    /// <summary>Band and window covering all volumes.</summary>
    public VolumeSpan Span { get; }
}
