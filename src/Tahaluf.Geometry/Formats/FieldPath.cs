namespace Tahaluf.Geometry.Formats;

/// <summary>
/// The path of a field in a request ("operation.volumes[0].volume.altitude_lower.units"), kept in parts and joined
/// into a string only when an error names it. Readers descend through a dozen members per volume; joining every
/// path eagerly cost about thirty strings per declaration, none of which a valid body ever used.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _head;
    private readonly int _index;
    private readonly string? _a;
    private readonly string? _b;
    private readonly string? _c;
    private readonly string? _d;

    /// <summary>A path that is the text itself.</summary>
    /// <param name="head">The path so far.</param>
    public FieldPath(string head)
        : this(head, -1, null, null, null, null)
    {
    }

    private FieldPath(string head, int index, string? a, string? b, string? c, string? d)
    {
        _head = head;
        _index = index;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>The path as text.</summary>
    /// <param name="text">The path.</param>
    public static implicit operator FieldPath(string text) => new(text);

    /// <summary>This path followed by <paramref name="member"/>, which brings its own separator (".units").</summary>
    /// <param name="member">The member's part of the path.</param>
    /// <returns>The longer path.</returns>
    public FieldPath Then(string member) =>
        _a is null ? new(_head, _index, member, null, null, null)
        : _b is null ? new(_head, _index, _a, member, null, null)
        : _c is null ? new(_head, _index, _a, _b, member, null)
        : _d is null ? new(_head, _index, _a, _b, _c, member)
        : new(ToString() + member);

    /// <summary>This path followed by an array index ("[3]").</summary>
    /// <param name="index">The index, zero or more.</param>
    /// <returns>The longer path.</returns>
    public FieldPath Index(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _index < 0 && _a is null ? new(_head, index, null, null, null, null) : new FieldPath(ToString()).Index(index);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var head = _index < 0 ? _head : _head + "[" + _index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        return _a is null ? head : string.Concat(head, _a, _b, string.Concat(_c, _d));
    }
}
