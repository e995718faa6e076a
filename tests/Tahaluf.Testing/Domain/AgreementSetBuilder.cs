using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds agreement sets; the default is empty.</summary>
public sealed class AgreementSetBuilder
{
    private readonly List<Agreement> _agreements = [];

    /// <summary>The Syria demo's starting agreements: RU → US envelope for operations; FR ↔ US full for every kind.</summary>
    public static AgreementSet SyriaStart() => new AgreementSetBuilder()
        .Grant("RU", "US", ItemKind.Operation, ReleaseLevel.Envelope)
        .GrantAllKinds("FR", "US", ReleaseLevel.Full)
        .GrantAllKinds("US", "FR", ReleaseLevel.Full)
        .Build();

    public AgreementSetBuilder Grant(string owner, string recipient, ItemKind kind, ReleaseLevel level)
    {
        _agreements.Add(new Agreement(owner, recipient, kind, level));
        return this;
    }

    public AgreementSetBuilder GrantAllKinds(string owner, string recipient, ReleaseLevel level)
    {
        foreach (var kind in Enum.GetValues<ItemKind>())
        {
            Grant(owner, recipient, kind, level);
        }

        return this;
    }

    public AgreementSet Build() => AgreementSet.Create(_agreements);
}
