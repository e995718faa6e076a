using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>The envelope-level part of a zone.</summary>
/// <param name="Version">The item version.</param>
/// <param name="ZoneKind">What the zone warns of.</param>
/// <param name="State">Life cycle state.</param>
/// <param name="Volumes">The volumes (for an anchored zone, centred on the anchor's last position).</param>
/// <param name="Span">Altitude band (metres, WGS84 ellipsoid) and time window covering all volumes.</param>
public sealed record ZoneEnvelope(long Version, ZoneKind ZoneKind, ItemState State, ImmutableArray<Volume4D> Volumes, VolumeSpan Span);
