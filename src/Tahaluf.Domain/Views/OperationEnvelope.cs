using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Views;

/// <summary>The envelope-level part of an operation: where, when, how high, in what state.</summary>
/// <param name="Version">The item version.</param>
/// <param name="State">Life cycle state.</param>
/// <param name="Volumes">The declared volumes.</param>
/// <param name="Span">Altitude band (metres, WGS84 ellipsoid) and time window covering all volumes.</param>
public sealed record OperationEnvelope(long Version, ItemState State, ImmutableArray<Volume4D> Volumes, VolumeSpan Span);
