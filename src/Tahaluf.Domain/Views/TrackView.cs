using System.Diagnostics.CodeAnalysis;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>A track as one viewer may see it. Built only by <see cref="ReleasePolicy"/>.</summary>
public sealed record TrackView : ItemView
{
    internal TrackView(ReleaseLevel level, string id, string owner, TrackEnvelope envelope, TrackDetails? details)
        : base(level, ItemKind.Track, id, owner)
    {
        Envelope = envelope;
        Details = details;
    }

    /// <summary>Platform kind and kinematics.</summary>
    public TrackEnvelope Envelope { get; }

    /// <summary>Callsign and caveat; null below <see cref="ReleaseLevel.Full"/>.</summary>
    public TrackDetails? Details { get; }

    /// <summary>True at <see cref="ReleaseLevel.Full"/>, when <see cref="Details"/> is present.</summary>
    [MemberNotNullWhen(true, nameof(Details))]
    public bool IsFull => Details is not null;
}
