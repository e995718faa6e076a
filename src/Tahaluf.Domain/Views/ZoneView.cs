using System.Diagnostics.CodeAnalysis;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>A zone as one viewer may see it. Built only by <see cref="ReleasePolicy"/>.</summary>
public sealed record ZoneView : ItemView
{
    internal ZoneView(ReleaseLevel level, string id, string owner, ZoneEnvelope envelope, ZoneDetails? details)
        : base(level, ItemKind.Zone, id, owner)
    {
        Envelope = envelope;
        Details = details;
    }

    /// <summary>Kind, geometry, band, window, state and version.</summary>
    public ZoneEnvelope Envelope { get; }

    /// <summary>Name, anchor and caveat; null below <see cref="ReleaseLevel.Full"/>.</summary>
    public ZoneDetails? Details { get; }

    /// <summary>True at <see cref="ReleaseLevel.Full"/>, when <see cref="Details"/> is present.</summary>
    [MemberNotNullWhen(true, nameof(Details))]
    public bool IsFull => Details is not null;
}
