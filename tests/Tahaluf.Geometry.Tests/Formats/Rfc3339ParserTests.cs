using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Validation;

namespace Tahaluf.Geometry.Tests.Formats;

/// <summary>
/// <see cref="JsonFields.TryParseRfc3339"/> against the regex + <see cref="DateTimeOffset.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>
/// implementation it replaced, which stays here as the oracle.
/// </summary>
public partial class Rfc3339ParserTests
{
    private const int MaxFractionDigits = 7;

    /// <summary>Non-ASCII Unicode decimal digits (category Nd) the old regex's <c>\d</c> matched.</summary>
    private const string UnicodeDigits = "٠٣٩۵७০੬૧୮௨౩೪൫๖໗༨၉០᠑１５９";

    /// <summary>Characters a mutation inserts or substitutes: the format's own, digits of every kind, white space.</summary>
    private const string MutationCharacters = "0123456789-:.TtZz+ \n\r\t/,Ee" + UnicodeDigits;

    /// <summary>The former <c>JsonFields.Rfc3339</c>, verbatim except for returning a bool instead of the error.</summary>
    private static bool OldTryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 64)
        {
            return false;
        }

        var match = OldRfc3339Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > MaxFractionDigits)
        {
            fraction = fraction[..MaxFractionDigits];
        }

        var offset = match.Groups["offset"].Value;
        offset = offset is "Z" or "z" ? "+00:00" : offset;
        var normalized = string.Concat(match.Groups["date"].Value, "T", match.Groups["time"].Value, fraction.Length > 0 ? "." + fraction : string.Empty, offset);
        var format = fraction.Length > 0 ? "yyyy-MM-dd'T'HH:mm:ss." + new string('F', fraction.Length) + "zzz" : "yyyy-MM-dd'T'HH:mm:sszzz";
        if (!DateTimeOffset.TryParseExact(normalized, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return false;
        }

        value = value.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt](?<time>\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,30}))?(?<offset>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OldRfc3339Pattern();

    private static bool HasNonAsciiDigit(string text) => text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c));

    private static string Show(string text) =>
        "\"" + string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}")) + "\"";

    /// <summary>What the comparison found, so a test can check the generator reached the interesting cases.</summary>
    private sealed class Tally
    {
        public int Compared { get; set; }

        public int Accepted { get; set; }

        public int NonAsciiDigit { get; set; }

        public int NonAsciiDigitOldAccepted { get; set; }

        public int TrailingNewline { get; set; }

        public int TrailingNewlineOldAccepted { get; set; }
    }

    /// <summary>
    /// The old answer as predicted from the new parser and the two documented differences: the old code ignored one
    /// trailing "\n" (the regex's <c>$</c>), and it refused a non-ASCII digit (TryParseExact reads ASCII digits only)
    /// except among the fraction digits after the 7th, which it cut off before TryParseExact saw them.
    /// </summary>
    private static bool PredictOld(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 64)
        {
            return false;
        }

        var t = text.EndsWith('\n') ? text[..^1] : text;
        if (HasNonAsciiDigit(t))
        {
            var fraction = OldRfc3339Pattern().Match(t).Groups["fraction"];
            var dropped = fraction.Success ? fraction.Index + MaxFractionDigits : int.MaxValue;
            var chars = t.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsDigit(chars[i]) && !char.IsAsciiDigit(chars[i]))
                {
                    if (i < dropped || i >= fraction.Index + fraction.Length)
                    {
                        return false;
                    }

                    chars[i] = '0';
                }
            }

            t = new string(chars);
        }

        return JsonFields.TryParseRfc3339(t, out value);
    }

    /// <summary>
    /// Both implementations give the same answer, except for the two documented differences (a non-ASCII digit, a
    /// trailing "\n"), which the new parser refuses and where the old answer must be the one <see cref="PredictOld"/> gives.
    /// </summary>
    private static void CheckAgreement(string text, Tally tally)
    {
        var newOk = JsonFields.TryParseRfc3339(text, out var newValue);
        var oldOk = OldTryParse(text, out var oldValue);

        var newline = text.EndsWith('\n');
        var nonAscii = HasNonAsciiDigit(text);
        if (newline || nonAscii)
        {
            tally.TrailingNewline += newline ? 1 : 0;
            tally.TrailingNewlineOldAccepted += newline && oldOk ? 1 : 0;
            tally.NonAsciiDigit += nonAscii ? 1 : 0;
            tally.NonAsciiDigitOldAccepted += nonAscii && oldOk ? 1 : 0;
            if (newOk)
            {
                Assert.Fail($"{Show(text)}: a trailing newline or a non-ASCII digit must be refused.");
            }

            var predictedOk = PredictOld(text, out var predictedValue);
            if (predictedOk != oldOk || predictedValue.UtcTicks != oldValue.UtcTicks)
            {
                Assert.Fail($"{Show(text)}: old {oldOk} {oldValue:O}, predicted {predictedOk} {predictedValue:O}.");
            }

            return;
        }

        tally.Compared++;
        tally.Accepted += oldOk ? 1 : 0;
        if (newOk != oldOk || newValue.UtcTicks != oldValue.UtcTicks || newValue.Offset != oldValue.Offset)
        {
            Assert.Fail($"{Show(text)}: old {oldOk} {oldValue:O} ({oldValue.UtcTicks}), new {newOk} {newValue:O} ({newValue.UtcTicks}).");
        }
    }

    private static readonly int[] SpecialYears = [0, 1, 2, 4, 100, 400, 1900, 1970, 2000, 2015, 2016, 2024, 2100, 9998, 9999, 10000];
    private static readonly int[] SpecialDays = [0, 1, 28, 29, 30, 31, 32];

    /// <summary>A date-time built from random, mostly plausible fields (years 0-10000, months 0-13, days 0-32, ...).</summary>
    internal static string RandomFields(Random random)
    {
        var builder = new StringBuilder(64);
        int year, month, day, hour;
        if (random.Next(20) == 0)
        {
            // The ends of DateTime's range, where the offset can push the UTC instant out.
            var first = random.Next(2) == 0;
            year = first ? 1 : 9999;
            month = first ? 1 : 12;
            day = first ? 1 : 31;
            hour = first ? random.Next(0, 3) : random.Next(21, 24);
        }
        else
        {
            year = random.Next(10) == 0 ? SpecialYears[random.Next(SpecialYears.Length)] : random.Next(0, 10001);
            month = random.Next(0, 14);
            day = random.Next(3) == 0 ? SpecialDays[random.Next(SpecialDays.Length)] : random.Next(0, 33);
            hour = random.Next(0, 26);
        }

        builder.Append(year.ToString("D4", CultureInfo.InvariantCulture))
            .Append('-').Append(month.ToString("D2", CultureInfo.InvariantCulture))
            .Append('-').Append(day.ToString("D2", CultureInfo.InvariantCulture))
            .Append(random.Next(2) == 0 ? 'T' : 't')
            .Append(hour.ToString("D2", CultureInfo.InvariantCulture))
            .Append(':').Append(random.Next(0, 62).ToString("D2", CultureInfo.InvariantCulture))
            .Append(':').Append(random.Next(0, 62).ToString("D2", CultureInfo.InvariantCulture));

        var fractionLength = random.Next(3) == 0 ? 0 : random.Next(0, 36);
        if (fractionLength > 0 || random.Next(20) == 0)
        {
            // Now and then a bare "." and now and then all nines, where rounding instead of truncating would show.
            builder.Append('.');
            var nines = random.Next(5) == 0;
            for (var i = 0; i < fractionLength; i++)
            {
                builder.Append(nines ? '9' : (char)('0' + random.Next(10)));
            }
        }

        switch (random.Next(4))
        {
            case 0:
                builder.Append(random.Next(2) == 0 ? 'Z' : 'z');
                break;
            default:
                builder.Append(random.Next(2) == 0 ? '+' : '-')
                    .Append(random.Next(0, 16).ToString("D2", CultureInfo.InvariantCulture))
                    .Append(':').Append((random.Next(3) == 0 ? 0 : random.Next(0, 62)).ToString("D2", CultureInfo.InvariantCulture));
                break;
        }

        return builder.ToString();
    }

    /// <summary>The text with one character replaced, deleted or inserted (now and then a "\n" at the end).</summary>
    internal static string Mutate(string text, Random random)
    {
        var c = (random.Next(4) == 0 ? (char)random.Next(0, 0x10000) : MutationCharacters[random.Next(MutationCharacters.Length)]).ToString();
        var at = random.Next(text.Length + 1);
        return random.Next(20) switch
        {
            0 => text + "\n",
            < 7 when at < text.Length => text.Remove(at, 1).Insert(at, c),
            < 14 when at < text.Length => text.Remove(at, 1),
            _ => text.Insert(at, c),
        };
    }

    [Fact]
    public void TryParseRfc3339_RandomFieldsAndMutations_AgreesWithOldImplementation()
    {
        var random = new Random(3339);
        var fields = new Tally();
        var mutated = new Tally();
        for (var i = 0; i < 150_000; i++)
        {
            var text = RandomFields(random);
            CheckAgreement(text, fields);
            CheckAgreement(Mutate(text, random), mutated);
        }

        // The generator must reach both answers and both differences, or the agreement says little.
        Assert.Equal(150_000, fields.Compared);
        Assert.InRange(fields.Accepted, 30_000, 120_000);
        Assert.InRange(mutated.Accepted, 5_000, 120_000);
        Assert.True(mutated.NonAsciiDigit > 1_000, $"{mutated.NonAsciiDigit} mutations with a non-ASCII digit");
        Assert.True(mutated.NonAsciiDigitOldAccepted > 100, $"{mutated.NonAsciiDigitOldAccepted} non-ASCII digits the old parser accepted");
        Assert.True(mutated.TrailingNewlineOldAccepted > 100, $"{mutated.TrailingNewlineOldAccepted} trailing newlines the old parser accepted");
    }

    [Property(MaxTest = 100)]
    public Property TryParseRfc3339_RandomSeeds_AgreesWithOldImplementation() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var tally = new Tally();
            for (var i = 0; i < 1_000; i++)
            {
                var text = RandomFields(random);
                CheckAgreement(text, tally);
                CheckAgreement(Mutate(text, random), tally);
            }
        });

    [Theory]
    [InlineData("2023-02-12T10:27:14Z", "2023-02-12T10:27:14.0000000Z")]
    [InlineData("2023-02-12t10:27:14z", "2023-02-12T10:27:14.0000000Z")]
    [InlineData("2023-02-12T10:27:14.483425+00:00", "2023-02-12T10:27:14.4834250Z")]
    [InlineData("2016-02-29T00:00:00Z", "2016-02-29T00:00:00.0000000Z")]
    [InlineData("2015-02-29T00:00:00Z", null)]
    [InlineData("2000-02-29T12:00:00Z", "2000-02-29T12:00:00.0000000Z")]
    [InlineData("1900-02-29T12:00:00Z", null)]
    [InlineData("2023-04-31T12:00:00Z", null)]
    [InlineData("2023-00-10T12:00:00Z", null)]
    [InlineData("2023-13-10T12:00:00Z", null)]
    [InlineData("2023-01-00T12:00:00Z", null)]
    [InlineData("0000-01-01T12:00:00Z", null)]
    [InlineData("2016-12-31T23:59:60Z", null)]
    [InlineData("2023-02-12T24:00:00Z", null)]
    [InlineData("2023-02-12T10:60:00Z", null)]
    [InlineData("2023-02-12T10:27:14+14:00", "2023-02-11T20:27:14.0000000Z")]
    [InlineData("2023-02-12T10:27:14-14:00", "2023-02-13T00:27:14.0000000Z")]
    [InlineData("2023-02-12T10:27:14+14:01", null)]
    [InlineData("2023-02-12T10:27:14-14:01", null)]
    [InlineData("2023-02-12T10:27:14+15:00", null)]
    [InlineData("2023-02-12T10:27:14+01:60", null)]
    [InlineData("2023-02-12T10:27:14-00:00", "2023-02-12T10:27:14.0000000Z")]
    [InlineData("2023-02-12T10:27:14+05:45", "2023-02-12T04:42:14.0000000Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("0001-01-01T00:00:00+01:00", null)]
    [InlineData("0001-01-01T00:00:00-01:00", "0001-01-01T01:00:00.0000000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    [InlineData("9999-12-31T23:59:59-01:00", null)]
    [InlineData("9999-12-31T23:59:59+01:00", "9999-12-31T22:59:59.0000000Z")]
    [InlineData("2023-02-12T10:27:14.123456789012345678901234567890Z", "2023-02-12T10:27:14.1234567Z")]
    [InlineData("2023-02-12T10:27:14.1234567890123456789012345678901Z", null)]
    [InlineData("2023-02-12T10:27:14.99999999999Z", "2023-02-12T10:27:14.9999999Z")]
    [InlineData("2023-02-12T10:27:14.5Z", "2023-02-12T10:27:14.5000000Z")]
    [InlineData("2023-02-12T10:27:14.Z", null)]
    [InlineData("2023-02-12T10:27:14", null)]
    [InlineData("2023-02-12T10:27:14+0100", null)]
    [InlineData("2023-02-12T10:27:14+01", null)]
    [InlineData("2023-02-12 10:27:14Z", null)]
    [InlineData("2023-02-12T10:27:14Z ", null)]
    [InlineData(" 2023-02-12T10:27:14Z", null)]
    [InlineData("2023-2-12T10:27:14Z", null)]
    [InlineData("+2023-02-12T10:27:14Z", null)]
    [InlineData("2023-02-12T10:27:14ZZ", null)]
    [InlineData("", null)]
    public void TryParseRfc3339_HandPickedCases(string text, string? expectedUtc)
    {
        var ok = JsonFields.TryParseRfc3339(text, out var value);
        var oldOk = OldTryParse(text, out var oldValue);

        if (expectedUtc is null)
        {
            Assert.False(ok);
            Assert.Equal(default, value);
        }
        else
        {
            Assert.True(ok);
            var expected = DateTimeOffset.ParseExact(expectedUtc, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.Equal(expected.UtcTicks, value.UtcTicks);
            Assert.Equal(TimeSpan.Zero, value.Offset);
        }

        Assert.Equal(oldOk, ok);
        Assert.Equal(oldValue.UtcTicks, value.UtcTicks);
    }

    [Fact]
    public void TryParseRfc3339_LongerThan64Characters_Refused()
    {
        var text = "2023-02-12T10:27:14." + new string('0', 44) + "Z";
        Assert.Equal(65, text.Length);

        Assert.False(JsonFields.TryParseRfc3339(text, out _));
        Assert.False(OldTryParse(text, out _));
        Assert.False(JsonFields.TryParseRfc3339("2023-02-12T10:27:14Z" + new string(' ', 45), out _));
    }

    [Theory]
    [InlineData("2023-02-12T10:27:14Z\n")]
    [InlineData("2023-02-12T10:27:14.5+01:00\n")]
    public void TryParseRfc3339_TrailingNewline_RefusedThoughTheOldRegexAcceptedIt(string text)
    {
        Assert.True(OldTryParse(text, out _));
        Assert.False(JsonFields.TryParseRfc3339(text, out _));
        Assert.True(JsonFields.TryParseRfc3339(text.TrimEnd('\n'), out _));
    }

    [Fact]
    public void TryParseRfc3339_NonAsciiDigit_Refused()
    {
        const string Valid = "2023-02-12T10:27:14.12345678901+01:00";
        foreach (var digit in UnicodeDigits)
        {
            for (var i = 0; i < Valid.Length; i++)
            {
                if (!char.IsAsciiDigit(Valid[i]))
                {
                    continue;
                }

                var text = Valid.Remove(i, 1).Insert(i, digit.ToString());

                // The regex's \d took any decimal digit; TryParseExact then refused it, unless the old code had cut
                // it off as a fraction digit after the 7th (positions 27 to 30 here).
                Assert.True(OldRfc3339Pattern().IsMatch(text), Show(text));
                Assert.Equal(i is >= 27 and <= 30, OldTryParse(text, out _));
                Assert.False(JsonFields.TryParseRfc3339(text, out _), Show(text));
            }
        }
    }

    [Fact]
    public void Rfc3339_Refused_SameErrorAsBefore()
    {
        var text = "2023-02-12T10:27:14+14:01 and then some more text";

        var error = JsonFields.Rfc3339(text, "volume4d.time_start.value", out var value);

        Assert.Equal(default, value);
        Assert.Equal(
            new GeometryError(
                GeometryErrorCodes.InvalidTime,
                "volume4d.time_start.value",
                "volume4d.time_start.value is not an RFC 3339 date-time with an offset, such as 2023-02-12T10:27:14Z (got \"2023-02-12T10:27:14+14:01 and then some …\")."),
            error);
    }

    [Fact]
    public void Rfc3339_Accepted_NoErrorAndUtcValue()
    {
        var error = JsonFields.Rfc3339("2023-02-12T11:27:14.5+01:00", "f", out var value);

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2023, 2, 12, 10, 27, 14, 500, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void TryParseRfc3339_DoesNotAllocate()
    {
        string[] texts = ["2023-02-12T10:27:14.483425123456+05:45", "2023-02-12t10:27:14z", "2015-02-29T00:00:00Z", "not a time"];
        foreach (var text in texts)
        {
            JsonFields.TryParseRfc3339(text, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var text in texts)
            {
                JsonFields.TryParseRfc3339(text, out _);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
