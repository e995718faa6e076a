using System.Diagnostics.CodeAnalysis;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>An operation as one viewer may see it. Built only by <see cref="ReleasePolicy"/>.</summary>
public sealed record OperationView : ItemView
{
    internal OperationView(ReleaseLevel level, string id, string owner, OperationEnvelope envelope, OperationDetails? details)
        : base(level, ItemKind.Operation, id, owner)
    {
        Envelope = envelope;
        Details = details;
    }

    /// <summary>Geometry, band, window, state and version.</summary>
    public OperationEnvelope Envelope { get; }

    /// <summary>Category, callsigns, aircraft count, remarks and caveat; null below <see cref="ReleaseLevel.Full"/>.</summary>
    public OperationDetails? Details { get; }

    /// <summary>True at <see cref="ReleaseLevel.Full"/>, when <see cref="Details"/> is present.</summary>
    [MemberNotNullWhen(true, nameof(Details))]
    public bool IsFull => Details is not null;
}
