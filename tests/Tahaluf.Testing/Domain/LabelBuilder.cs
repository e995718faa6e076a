using System.Collections.Immutable;
using Tahaluf.Domain.Release;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds labels; the default is unrestricted (no list, not civil, no caveat).</summary>
public sealed class LabelBuilder
{
    private ImmutableArray<string>? _releasableTo;
    private bool _civil;
    private string? _caveat;

    public LabelBuilder ReleasableTo(params string[] partners)
    {
        _releasableTo = [.. partners];
        return this;
    }

    public LabelBuilder Civil(bool civil = true)
    {
        _civil = civil;
        return this;
    }

    public LabelBuilder WithCaveat(string? caveat)
    {
        _caveat = caveat;
        return this;
    }

    public Label Build() => new(_releasableTo, _civil, _caveat);
}
