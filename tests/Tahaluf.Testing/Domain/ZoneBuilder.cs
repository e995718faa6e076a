using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds zones; the default is a valid active RU S-400 ring (400 km, surface to 30 km, open-ended).</summary>
public sealed class ZoneBuilder
{
    private string _id = "zone-s400-hmeimim";
    private string _owner = "RU";
    private long _version = 1;
    private Label _label = Label.Unrestricted;
    private ZoneKind _kind = ZoneKind.AirDefenceEngagementZone;
    private ImmutableArray<Volume4D> _volumes = [TestVolumes.Circle(TestVolumes.Hmeimim, 400_000, 0, 30_000, TestVolumes.Start, null)];
    private ItemState _state = ItemState.Active;
    private string? _anchor;
    private string _name = "S-400 Hmeimim";

    public ZoneBuilder WithId(string id) { _id = id; return this; }

    public ZoneBuilder WithOwner(string owner) { _owner = owner; return this; }

    public ZoneBuilder WithVersion(long version) { _version = version; return this; }

    public ZoneBuilder WithLabel(Label label) { _label = label; return this; }

    public ZoneBuilder WithKind(ZoneKind kind) { _kind = kind; return this; }

    public ZoneBuilder WithVolumes(params Volume4D[] volumes) { _volumes = [.. volumes]; return this; }

    public ZoneBuilder WithState(ItemState state) { _state = state; return this; }

    public ZoneBuilder AnchoredTo(string? trackId) { _anchor = trackId; return this; }

    public ZoneBuilder WithName(string name) { _name = name; return this; }

    public Zone Build() => new(_id, _owner, _version, _label, _kind, _volumes, _state, _anchor, _name);
}
