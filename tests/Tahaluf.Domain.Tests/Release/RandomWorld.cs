using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Release;

/// <summary>
/// A random world: partners, agreements, labelled items and conflicts between items of different owners.
/// Every full-level string is a unique sentinel (<c>SECRET-…-n-END</c>) so a leak can be found by searching the
/// serialized view, whatever property carried it.
/// </summary>
public sealed record RandomWorld(
    ImmutableArray<string> Partners,
    AgreementSet Agreements,
    ImmutableArray<Item> Items,
    ImmutableArray<Conflict> Conflicts)
{
    private static readonly string[] Pool = ["RU", "FR", "US", "TR", "CIV", "UK"];

    public override string ToString() =>
        $"partners [{string.Join(",", Partners)}]; agreements [{string.Join("; ", Agreements.All)}]; "
        + $"items [{string.Join("; ", Items.Select(i => $"{i.Kind} {i.Id} of {i.Owner} rel_to {(i.Label.ReleasableTo is { } l ? string.Join(",", l) : "-")}"))}]; "
        + $"conflicts {Conflicts.Length}";

    public static string DetailSentinel(string what, int n) => string.Create(CultureInfo.InvariantCulture, $"SECRET-{what}-{n}-END");

    public static string IdSentinel(int n) => string.Create(CultureInfo.InvariantCulture, $"ITEMID-{n}-END");

    public static Arbitrary<RandomWorld> Arbitrary() => Arb.From(Generator());

    public static Gen<RandomWorld> Generator() =>
        from partners in Gen.Shuffle(Pool).SelectMany(p => Gen.Choose(2, Pool.Length).Select(n => p.Take(n).ToImmutableArray()))
        from agreements in AgreementsGen(partners)
        from seeds in Gen.ListOf(ItemSeedGen(partners)).Select(l => l.Take(10).ToList())
        from pairs in Gen.ListOf(Gen.Two(Gen.Choose(0, 9))).Select(l => l.Take(8).ToList())
        select Build(partners, agreements, seeds, pairs);

    private static Gen<AgreementSet> AgreementsGen(ImmutableArray<string> partners)
    {
        var keys = (from o in partners from r in partners where o != r from k in Enum.GetValues<ItemKind>() select (o, r, k)).ToArray();
        var level = Gen.Frequency(
            (3, Gen.Constant<ReleaseLevel?>(null)),
            (1, Gen.Elements(Enum.GetValues<ReleaseLevel>()).Select(l => (ReleaseLevel?)l)));
        return Gen.CollectToArray(keys, _ => level).Select(levels =>
            AgreementSet.Create(keys.Zip(levels).Where(p => p.Second is not null)
                .Select(p => new Agreement(p.First.o, p.First.r, p.First.k, p.Second!.Value))));
    }

    private static Gen<ItemSeed> ItemSeedGen(ImmutableArray<string> partners)
    {
        var list = Gen.Frequency(
            (2, Gen.Constant<ImmutableArray<string>?>(null)),
            (2, Gen.SubListOf(partners.ToArray()).Select(l => (ImmutableArray<string>?)[.. l])));
        var label = from l in list
                    from civil in Gen.Elements(false, true)
                    from caveat in Gen.Elements(false, true)
                    select (List: l, Civil: civil, HasCaveat: caveat);
        return from kind in Gen.Elements(Enum.GetValues<ItemKind>())
               from owner in Gen.Elements(partners.ToArray())
               from l in label
               from state in Gen.Elements(Enum.GetValues<ItemState>())
               select new ItemSeed(kind, owner, l.List, l.Civil, l.HasCaveat, state);
    }

    private static RandomWorld Build(ImmutableArray<string> partners, AgreementSet agreements, List<ItemSeed> seeds, List<(int, int)> pairs)
    {
        var items = seeds.Select((s, n) => BuildItem(s, n)).ToImmutableArray();
        var conflicts = ImmutableArray.CreateBuilder<Conflict>();
        foreach (var (a, b) in pairs)
        {
            if (a < items.Length && b < items.Length && items[a].Owner != items[b].Owner)
            {
                conflicts.Add(new ConflictBuilder()
                    .WithId(string.Create(CultureInfo.InvariantCulture, $"conflict-{conflicts.Count}"))
                    .Between(items[a], items[b])
                    .Build());
            }
        }

        return new RandomWorld(partners, agreements, items, conflicts.ToImmutable());
    }

    private static Item BuildItem(ItemSeed s, int n)
    {
        var label = new Label(s.ReleasableTo, s.Civil, s.HasCaveat ? DetailSentinel("CAVEAT", n) : null);
        var id = IdSentinel(n);
        return s.Kind switch
        {
            ItemKind.Operation => new OperationBuilder().WithId(id).WithOwner(s.Owner).WithLabel(label).WithState(s.State)
                .WithCallsigns(DetailSentinel("CALLSIGN", n)).WithRemarks(DetailSentinel("REMARKS", n)).Build(),
            ItemKind.Zone => new ZoneBuilder().WithId(id).WithOwner(s.Owner).WithLabel(label).WithState(s.State)
                .WithName(DetailSentinel("NAME", n)).AnchoredTo(DetailSentinel("ANCHOR", n)).Build(),
            ItemKind.Report => new ReportBuilder().WithId(id).WithOwner(s.Owner).WithLabel(label)
                .WithText(DetailSentinel("TEXT", n)).Build(),
            _ => new TrackBuilder().WithId(id).WithOwner(s.Owner).WithLabel(label).WithCallsign(DetailSentinel("CALLSIGN", n)).Build(),
        };
    }

    private sealed record ItemSeed(ItemKind Kind, string Owner, ImmutableArray<string>? ReleasableTo, bool Civil, bool HasCaveat, ItemState State);
}
