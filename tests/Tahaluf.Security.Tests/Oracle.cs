using System.Globalization;
using System.Text;
using Tahaluf.Hub;

namespace Tahaluf.Security.Tests;

/// <summary>
/// Decides from the world's agreements and labels alone which canaries a viewer may see, and scans outputs for
/// the others. The hub is consulted only for which conflicts exist (their parties may learn the encounter, which is
/// derived from both items' geometry: the safety override).
/// </summary>
internal sealed class Oracle
{
    private readonly World _world;
    private readonly HashSet<(string Viewer, string ItemKey)> _parties = [];
    private readonly ILookup<string, Canary> _byText;

    public Oracle(World world, HubService hub)
    {
        _world = world;
        foreach (var c in hub.Snapshot.Conflicts.Values)
        {
            _parties.Add((c.A.Owner, Key(Kind(c.B.Item.Kind), c.B.Item.Id)));
            _parties.Add((c.B.Owner, Key(Kind(c.A.Item.Kind), c.A.Item.Id)));
        }

        _byText = world.Canaries.ToLookup(c => c.Text, StringComparer.Ordinal);
    }

    public int ConflictCount => _parties.Count / 2;

    private static string Kind(Tahaluf.Domain.Items.ItemKind k) => Tahaluf.Domain.WireNames.Of(k);

    private static string Key(string kind, string id) => kind + "/" + id;

    /// <summary>The canaries <paramref name="viewer"/> must never receive (viewer "" is the anonymous public).</summary>
    public List<Canary> Forbidden(string viewer) =>
        [.. _byText.Where(g => !g.Any(c => Allowed(viewer, c))).Select(g => g.First())];

    /// <summary>The canaries the viewer may see (for diagnostics).</summary>
    public bool IsAllowed(string viewer, string text) => _byText[text].Any(c => Allowed(viewer, c));

    private bool Allowed(string viewer, Canary c)
    {
        if (viewer.Length > 0 && _world.Level(viewer, c.Item, c.Version) >= c.Need)
        {
            return true;
        }

        if (!c.Geometry)
        {
            return false;
        }

        return GeometryAllowed(viewer, c.Item, c.Version);
    }

    private bool GeometryAllowed(string viewer, ItemSpec item, int version)
    {
        if (viewer.Length > 0 && Enumerable.Range(0, item.Versions.Count).Any(v => _world.Level(viewer, item, v) >= Lvl.Envelope))
        {
            return true;
        }

        if (viewer.Length > 0 && _parties.Contains((viewer, Key(item.Kind, item.Id))))
        {
            return true;
        }

        // The public civil feed: current geometry of live zones labelled civil.
        if (item.Kind == "zone" && !item.Withdrawn && version == item.Versions.Count - 1 && item.Versions[^1].Civil)
        {
            return true;
        }

        // A zone anchored to a track of its owner is drawn around the track's current position.
        if (item.Kind == "track")
        {
            return _world.Items.Any(z => z.Kind == "zone" && z.Anchor == item.Id && z.Owner == item.Owner && GeometryAllowed(viewer, z, z.Versions.Count - 1));
        }

        return false;
    }

    /// <summary>Scans outputs; returns a failure line per forbidden canary found.</summary>
    public static IEnumerable<string> Scan(string viewer, IReadOnlyList<Canary> forbidden, IEnumerable<(string Path, string Text)> outputs, World world)
    {
        foreach (var (path, text) in outputs)
        {
            foreach (var c in forbidden)
            {
                if (Find(text, c) is { } at)
                {
                    var level = viewer.Length == 0 ? Lvl.None : world.Level(viewer, c.Item, c.Version);
                    var excerpt = text.Substring(Math.Max(0, at - 120), Math.Min(text.Length - Math.Max(0, at - 120), 240 + c.Text.Length));
                    yield return $"LEAK viewer={(viewer.Length == 0 ? "(anonymous)" : viewer)} path={path} canary='{c.Text}' ({c.Field} of {c.Item} v{c.Version + 1}, needs {c.Need}, viewer's level {level}) … {excerpt} …";
                }
            }
        }
    }

    /// <summary>
    /// Where <paramref name="text"/> carries the canary, or null. A numeric canary's text is only the first digits of
    /// its value (so that a rounded or truncated print is still caught), and the hub legitimately prints numbers of
    /// its own that may begin with the same digits: the safety override gives conflict parties an encounter volume
    /// (ARCHITECTURE.md, "Release levels and the one policy": the overlap region, clipped or a bounding box, and the
    /// altitude band), which the hub builds by arithmetic on the parties' items — a box of ±0.01° around a track's
    /// extrapolated position, a circle's bounding box, a widened degenerate overlap. Such a number can share its first
    /// six decimals with a third item's coordinate (a 10⁻⁶ chance per pair, and a world prints thousands of pairs) and
    /// is no release of that item: in World.Generate(920473195) P3's track extrapolated 5 s plus 0.01° printed
    /// 36.12421342009578, and P4's report has a vertex at 36.124213382. So an occurrence counts only when the whole
    /// number printed there is the planted value, to within one unit of its last printed digit (rounded or truncated
    /// prints) or 1e-12 relative (arithmetic round trips in doubles, which stay near 1e-15). A looser 1e-9 (3.6e-8° at
    /// 36°) still let one such derived number through about once per two thousand worlds: in
    /// World.Generate(1479757711) P0's track at entry into P3's zone plus 0.01° printed 36.122668239712205, 2.2e-8 from
    /// the vertex 36.122668262 of P1's report.
    /// </summary>
    internal static int? Find(string text, Canary c)
    {
        for (var at = text.IndexOf(c.Text, StringComparison.Ordinal); at >= 0; at = text.IndexOf(c.Text, at + 1, StringComparison.Ordinal))
        {
            if (c.Value is not { } value || PrintsValue(text, at, at + c.Text.Length, value))
            {
                return at;
            }
        }

        return null;
    }

    private static bool PrintsValue(string text, int start, int end, double value)
    {
        while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        var number = text[start..end];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var printed))
        {
            // Not one number (e.g. digits run into a version suffix): keep the conservative reading.
            return true;
        }

        var dot = number.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : number.Length - dot - 1;
        var tolerance = Math.Pow(10, -decimals) + (1e-12 * Math.Max(1, Math.Abs(value)));
        return Math.Abs(printed - Math.Abs(value)) <= tolerance;
    }

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
