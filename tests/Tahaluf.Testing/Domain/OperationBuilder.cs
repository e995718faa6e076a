using System.Collections.Immutable;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds operations; the default is a valid planned RU Su-24M patrol over Hmeimim.</summary>
public sealed class OperationBuilder
{
    private string _id = "op-su24-1";
    private string _owner = "RU";
    private long _version = 1;
    private Label _label = Label.Unrestricted;
    private ImmutableArray<Volume4D> _volumes = [TestVolumes.Default];
    private ItemState _state = ItemState.Planned;
    private OperationCategory _category = OperationCategory.Patrol;
    private ImmutableArray<string> _callsigns = ["SU24-1", "SU24-2"];
    private int? _aircraftCount = 2;
    private string? _remarks = "Northern Latakia";

    public OperationBuilder WithId(string id) { _id = id; return this; }

    public OperationBuilder WithOwner(string owner) { _owner = owner; return this; }

    public OperationBuilder WithVersion(long version) { _version = version; return this; }

    public OperationBuilder WithLabel(Label label) { _label = label; return this; }

    public OperationBuilder WithVolumes(params Volume4D[] volumes) { _volumes = [.. volumes]; return this; }

    public OperationBuilder WithState(ItemState state) { _state = state; return this; }

    public OperationBuilder WithCategory(OperationCategory category) { _category = category; return this; }

    public OperationBuilder WithCallsigns(params string[] callsigns) { _callsigns = [.. callsigns]; return this; }

    public OperationBuilder WithAircraftCount(int? count) { _aircraftCount = count; return this; }

    public OperationBuilder WithRemarks(string? remarks) { _remarks = remarks; return this; }

    public Operation Build() => new(_id, _owner, _version, _label, _volumes, _state, _category, _callsigns, _aircraftCount, _remarks);
}
