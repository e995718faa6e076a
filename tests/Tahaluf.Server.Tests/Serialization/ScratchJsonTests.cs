using System.Text;
using System.Text.Json;
using Tahaluf.Hub.Ledger;
using Tahaluf.Hub.Serialization;

namespace Tahaluf.Server.Tests.Serialization;

/// <summary>The reused per-thread JSON buffer must never let one document's bytes reach another.</summary>
public sealed class ScratchJsonTests
{
    [Fact]
    public void ToText_NestedCallWhileTheScratchIsInUse_GivesBothDocumentsWhole()
    {
        string? inner = null;
        var outer = ScratchJson.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("before", "أ-outer");
            inner = ScratchJson.ToText(v =>
            {
                v.WriteStartObject();
                v.WriteNumber("inner", 42);
                v.WriteEndObject();
            });
            w.WriteString("after", inner);
            w.WriteEndObject();
        });

        Assert.Equal("""{"inner":42}""", inner);
        using var doc = JsonDocument.Parse(outer);
        Assert.Equal("أ-outer", doc.RootElement.GetProperty("before").GetString());
        Assert.Equal("""{"inner":42}""", doc.RootElement.GetProperty("after").GetString());
    }

    [Fact]
    public void ToText_AfterAWriteThatThrewHalfway_StartsClean()
    {
        Assert.Throws<InvalidOperationException>(() => ScratchJson.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("partial", "left behind");
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("""{"ok":true}""", ScratchJson.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteEndObject();
        }));
    }

    [Fact]
    public void ToUtf8_DocumentLargerThanTheKeptBuffer_IsWholeAndTheNextSmallOneIsNotPolluted()
    {
        var big = new string('x', ScratchJson.KeepLimit * 2);
        var bytes = ScratchJson.ToUtf8(w => w.WriteStringValue(big));
        Assert.Equal(big.Length + 2, bytes.Length);
        Assert.Equal(big, JsonSerializer.Deserialize<string>(bytes));

        Assert.Equal("[1]"u8.ToArray(), ScratchJson.ToUtf8(w =>
        {
            w.WriteStartArray();
            w.WriteNumberValue(1);
            w.WriteEndArray();
        }));
    }

    [Fact]
    public async Task ToText_ManyThreadsAtOnce_EachGetsItsOwnDocument()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            for (var k = 0; k < 200; k++)
            {
                var text = ScratchJson.ToText(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("i", i);
                    w.WriteString("pad", new string((char)('a' + (i % 26)), (i * 37 + k) % 500));
                    w.WriteNumber("k", k);
                    w.WriteEndObject();
                });
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.GetProperty("i").GetInt32() != i || doc.RootElement.GetProperty("k").GetInt32() != k
                    || doc.RootElement.GetProperty("pad").GetString()!.Length != (i * 37 + k) % 500)
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void LedgerLeafEncode_BetweenOtherDocumentsOnTheSameThread_KeepsTheFrozenBytes()
    {
        // The golden leaf (LedgerLeafGoldenTests), encoded right after a larger document reused the buffer.
        _ = ScratchJson.ToText(w => w.WriteStringValue(new string('z', 5000)));
        var salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var leaf = LedgerLeaf.Encode(7, new DateTimeOffset(2015, 11, 24, 7, 24, 5, TimeSpan.Zero), LedgerLeaf.Declaration, "RU",
            LedgerLeaf.SubjectDigest(salt, "operation/ru-su24"), 3, LedgerLeaf.Commitment(salt, Encoding.UTF8.GetBytes("{\"state\":\"active\"}")), [1, 2, 3]);
        Assert.Equal(
            """{"index":7,"time":"2015-11-24T07:24:05Z","kind":"declaration","author":"RU","subject":"cb5d5c6a1785b0b0a6fff6ffc451e08a","version":3,"commitment":"UcKW3nQtospJ/zUcuwQ27QI93BrVZ3u8j9CD8ECXU1Q=","author_signature":"AQID"}""",
            Encoding.UTF8.GetString(leaf));
    }

    [Fact]
    public void RecordJsonWriteTime_FractionalAndWholeSeconds_MatchesRfc3339Text()
    {
        foreach (var t in new[] { new DateTimeOffset(2015, 11, 24, 7, 24, 5, TimeSpan.Zero), new DateTimeOffset(2015, 11, 24, 9, 24, 5, 120, TimeSpan.FromHours(2)).AddTicks(3) })
        {
            var text = ScratchJson.ToText(w =>
            {
                w.WriteStartObject();
                RecordJson.WriteTime(w, "t", t);
                w.WriteEndObject();
            });
            Assert.Equal("{\"t\":\"" + RecordJson.Rfc3339(t) + "\"}", text);
        }

        Assert.Equal("""{"t":"2015-11-24T07:24:05.1200003Z"}""", ScratchJson.ToText(w =>
        {
            w.WriteStartObject();
            RecordJson.WriteTime(w, "t", new DateTimeOffset(2015, 11, 24, 9, 24, 5, 120, TimeSpan.FromHours(2)).AddTicks(3));
            w.WriteEndObject();
        }));
    }
}
