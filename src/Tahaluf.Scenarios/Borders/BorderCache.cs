using System.Collections.Concurrent;

namespace Tahaluf.Scenarios.Borders;

/// <summary>Decoded borders files by full path, so loading a scenario twice decodes a 3.6 MB file once. Thread-safe.</summary>
internal static class BorderCache
{
    private static readonly ConcurrentDictionary<string, Lazy<TopoJsonCountries>> Files = new(StringComparer.Ordinal);

    public static TopoJsonCountries Get(string path) =>
        Files.GetOrAdd(Path.GetFullPath(path), p => new Lazy<TopoJsonCountries>(() => TopoJsonCountries.Load(p))).Value;
}
