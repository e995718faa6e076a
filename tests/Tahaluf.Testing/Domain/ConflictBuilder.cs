using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds conflicts; the default is an open declared RU operation × FR operation conflict.</summary>
public sealed class ConflictBuilder
{
    private string _id = "conflict-1";
    private ConflictParty _a = new("RU", new ItemRef(ItemKind.Operation, "RU", "op-su24-1"));
    private ConflictParty _b = new("FR", new ItemRef(ItemKind.Operation, "FR", "op-rafale-1"));
    private Volume4D _encounter = TestVolumes.Box(35.3, 35.8, 35.5, 36.1, 5_000, 6_500, TestVolumes.Start.AddMinutes(10), TestVolumes.Start.AddMinutes(20));
    private DateTimeOffset _openedAt = TestVolumes.Start;
    private DateTimeOffset? _closedAt;
    private ConflictSource _source = ConflictSource.Declared;

    public ConflictBuilder WithId(string id) { _id = id; return this; }

    public ConflictBuilder Between(ItemRef a, ItemRef b)
    {
        _a = new ConflictParty(a.Owner, a);
        _b = new ConflictParty(b.Owner, b);
        return this;
    }

    public ConflictBuilder Between(Item a, Item b) => Between(a.Ref, b.Ref);

    public ConflictBuilder WithEncounter(Volume4D encounter) { _encounter = encounter; return this; }

    public ConflictBuilder OpenedAt(DateTimeOffset at) { _openedAt = at; return this; }

    public ConflictBuilder ClosedAt(DateTimeOffset? at) { _closedAt = at; return this; }

    public ConflictBuilder WithSource(ConflictSource source) { _source = source; return this; }

    public Conflict Build() => new(_id, _a, _b, _encounter, _openedAt, _closedAt, _source);
}
