using System.Globalization;
using System.Text;
using Tahaluf.Geometry.Volumes;
using Xunit.Abstractions;

namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>
/// Compares an engine's answers with PostGIS's over a corpus. A pair whose PostGIS distance lies within
/// the tolerance band of the horizontal minimum is ambiguous and not compared, unless the time or
/// altitude rule already decides it.
/// </summary>
public sealed class OracleComparison
{
    private const int ShownDisagreements = 25;

    private readonly List<string> _disagreements = [];

    private OracleComparison(string what, OracleCorpus corpus)
    {
        What = what;
        Corpus = corpus;
    }

    public string What { get; }

    public OracleCorpus Corpus { get; }

    public int Compared { get; private set; }

    public int Ambiguous { get; private set; }

    public IReadOnlyList<string> Disagreements => _disagreements;

    /// <summary>The whole decision: time, altitude and horizontal rules.</summary>
    public static OracleComparison Conflicts(OracleCorpus corpus, Func<Volume4D, Volume4D, SeparationMinima, bool> conflicts)
    {
        var comparison = new OracleComparison("conflicts", corpus);
        comparison.Run((c, v) =>
        {
            var decidedOutsideHorizontal = !v.TimeOverlaps || !v.AltitudeOverlaps;
            if (!decidedOutsideHorizontal && InBand(c, v))
            {
                return null;
            }

            var ours = conflicts(c.A, c.B, c.Minima);
            return ours == v.Conflicts ? string.Empty : string.Create(
                CultureInfo.InvariantCulture, $"engine says {(ours ? "conflict" : "no conflict")}, PostGIS says {(v.Conflicts ? "conflict" : "no conflict")}");
        });
        return comparison;
    }

    /// <summary>The horizontal rule alone, against ST_DWithin.</summary>
    public static OracleComparison Within(OracleCorpus corpus, Func<Footprint, Footprint, double, bool> isWithin)
    {
        var comparison = new OracleComparison("horizontal within", corpus);
        comparison.Run((c, v) =>
        {
            if (InBand(c, v))
            {
                return null;
            }

            var ours = isWithin(c.A.Footprint, c.B.Footprint, c.Minima.HorizontalM);
            return ours == v.HorizontalWithin ? string.Empty : string.Create(
                CultureInfo.InvariantCulture, $"engine says within={ours}, ST_DWithin says {v.HorizontalWithin}");
        });
        return comparison;
    }

    /// <summary>Distances within 0.5 % or 50 m (whichever is larger) of ST_Distance; 0 counts as a distance too.</summary>
    public static OracleComparison Distances(OracleCorpus corpus, Func<Footprint, Footprint, double> distanceM)
    {
        var comparison = new OracleComparison("horizontal distance", corpus);
        comparison.Run((c, v) =>
        {
            var ours = distanceM(c.A.Footprint, c.B.Footprint);
            var tolerance = OracleCase.Tolerance(v.DistanceM);
            return Math.Abs(ours - v.DistanceM) <= tolerance ? string.Empty : string.Create(
                CultureInfo.InvariantCulture,
                $"engine distance {ours:F1} m, ST_Distance {v.DistanceM:F1} m, off by {ours - v.DistanceM:F1} m (tolerance {tolerance:F1} m)");
        });
        return comparison;
    }

    public void WriteTo(ITestOutputHelper output)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"PostGIS oracle, {What}: {Corpus.Cases.Count} pairs (seed {Corpus.Seed}), ");
        text.Append(CultureInfo.InvariantCulture, $"{Compared} compared, {Ambiguous} ambiguous skipped, {_disagreements.Count} disagreements; ");
        text.Append(CultureInfo.InvariantCulture, $"corpus built and judged in {Corpus.BuildTime.TotalSeconds:F1} s.");
        output.WriteLine(text.ToString());
        output.WriteLine(DistanceHistogram());
        output.WriteLine(Summary(ShownDisagreements));
    }

    /// <summary>The first disagreements with everything needed to reproduce them in psql.</summary>
    public string Summary(int shown)
    {
        if (_disagreements.Count == 0)
        {
            return "No disagreements.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{_disagreements.Count} disagreements in {What}, first {Math.Min(shown, _disagreements.Count)}:\n");
        foreach (var line in _disagreements.Take(shown))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    // Where the corpus lies relative to the minimum, to show that it probes the threshold, not only
    // the trivially far and the overlapping.
    private string DistanceHistogram()
    {
        int overlap = 0, close = 0, below = 0, band = 0, above = 0, far = 0;
        for (var i = 0; i < Corpus.Cases.Count; i++)
        {
            var h = Corpus.Cases[i].Minima.HorizontalM;
            var d = Corpus.Verdicts[i].DistanceM;
            var tolerance = Corpus.Cases[i].ToleranceM;
            if (d <= 0)
            {
                overlap++;
            }
            else if (d < h / 2)
            {
                close++;
            }
            else if (d < h - tolerance)
            {
                below++;
            }
            else if (d <= h + tolerance)
            {
                band++;
            }
            else if (d <= 2 * h)
            {
                above++;
            }
            else
            {
                far++;
            }
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"PostGIS distances: {overlap} overlapping, {close} in (0, h/2), {below} in [h/2, h - band), {band} in the band, {above} in (h + band, 2h], {far} beyond 2h.");
    }

    private static bool InBand(OracleCase c, OracleVerdict v) =>
        Math.Abs(v.DistanceM - c.Minima.HorizontalM) <= c.ToleranceM;

    // check returns null for an ambiguous pair, "" for agreement and the reason for a disagreement.
    private void Run(Func<OracleCase, OracleVerdict, string?> check)
    {
        for (var i = 0; i < Corpus.Cases.Count; i++)
        {
            var c = Corpus.Cases[i];
            var v = Corpus.Verdicts[i];
            string? outcome;
            try
            {
                outcome = check(c, v);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcome = $"engine threw {e.GetType().Name}: {e.Message}";
            }

            if (outcome is null)
            {
                Ambiguous++;
                continue;
            }

            Compared++;
            if (outcome.Length > 0)
            {
                _disagreements.Add(Describe(c, v, outcome));
            }
        }
    }

    private static string Describe(OracleCase c, OracleVerdict v, string outcome) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        - [{c.Label}] {outcome}
            PostGIS: distance {v.DistanceM:F1} m, within {c.Minima.HorizontalM} m: {v.HorizontalWithin}, time overlaps: {v.TimeOverlaps}, altitude overlaps: {v.AltitudeOverlaps}
            minima: {c.Minima.HorizontalM} m, {c.Minima.VerticalM} m, {c.Minima.TimeS} s
            a: {OracleWkt.Describe(c.A.Footprint)} alt [{c.A.AltitudeLowerM:R}, {c.A.AltitudeUpperM:R}] m time [{c.A.TimeStart:O}, {c.A.TimeEnd?.ToString("O", CultureInfo.InvariantCulture) ?? "open"})
            b: {OracleWkt.Describe(c.B.Footprint)} alt [{c.B.AltitudeLowerM:R}, {c.B.AltitudeUpperM:R}] m time [{c.B.TimeStart:O}, {c.B.TimeEnd?.ToString("O", CultureInfo.InvariantCulture) ?? "open"})
        """);
}
