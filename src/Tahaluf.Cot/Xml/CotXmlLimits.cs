namespace Tahaluf.Cot.Xml;

/// <summary>Bounds applied while reading CoT XML.</summary>
/// <param name="MaxCharacters">Largest document in characters, at least 256 (default 64 Ki).</param>
/// <param name="MaxLinks">Largest number of shape vertices (<c>&lt;link point&gt;</c>), at least 3 (default 10,000).</param>
public sealed record CotXmlLimits(int MaxCharacters = 65536, int MaxLinks = 10000)
{
    /// <summary>64 Ki characters, 10,000 links.</summary>
    public static CotXmlLimits Default { get; } = new();
}
