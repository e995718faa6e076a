using System.Diagnostics.CodeAnalysis;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Views;

/// <summary>A report as one viewer may see it. Built only by <see cref="ReleasePolicy"/>.</summary>
public sealed record ReportView : ItemView
{
    internal ReportView(ReleaseLevel level, string id, string owner, ReportEnvelope envelope, ReportDetails? details)
        : base(level, ItemKind.Report, id, owner)
    {
        Envelope = envelope;
        Details = details;
    }

    /// <summary>Version and geometry.</summary>
    public ReportEnvelope Envelope { get; }

    /// <summary>Text, language and caveat; null below <see cref="ReleaseLevel.Full"/>.</summary>
    public ReportDetails? Details { get; }

    /// <summary>True at <see cref="ReleaseLevel.Full"/>, when <see cref="Details"/> is present.</summary>
    [MemberNotNullWhen(true, nameof(Details))]
    public bool IsFull => Details is not null;
}
