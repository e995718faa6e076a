using System.Text;
using Tahaluf.Hub.Ledger;

namespace Tahaluf.Server.Tests.Ledger;

/// <summary>Freezes the leaf encoding: changing a byte would invalidate every receipt ever issued.</summary>
public sealed class LedgerLeafGoldenTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void Encode_FixedInputs_GivesTheFrozenBytes()
    {
        var commitment = LedgerLeaf.Commitment(Salt, Encoding.UTF8.GetBytes("{\"state\":\"active\"}"));
        var leaf = LedgerLeaf.Encode(7, new DateTimeOffset(2015, 11, 24, 7, 24, 5, TimeSpan.Zero), LedgerLeaf.Declaration, "RU",
            LedgerLeaf.SubjectDigest(Salt, "operation/ru-su24"), 3, commitment, [1, 2, 3]);

        // Expected values computed independently (Python hashlib) and frozen here.
        Assert.Equal(
            """{"index":7,"time":"2015-11-24T07:24:05Z","kind":"declaration","author":"RU","subject":"cb5d5c6a1785b0b0a6fff6ffc451e08a","version":3,"commitment":"UcKW3nQtospJ/zUcuwQ27QI93BrVZ3u8j9CD8ECXU1Q=","author_signature":"AQID"}""",
            Encoding.UTF8.GetString(leaf));
    }

    [Fact]
    public void Encode_NoSignature_WritesNull()
    {
        var leaf = Encoding.UTF8.GetString(LedgerLeaf.Encode(0, DateTimeOffset.UnixEpoch, LedgerLeaf.Notification, "HUB", "00", 1, new byte[32], []));
        Assert.EndsWith("\"author_signature\":null}", leaf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashes_AreTheSame_CallAfterCall_AndOnEveryThread()
    {
        // The hashing context is kept per thread and reset by each call: nothing of one call may leak into the next.
        const string Commitment = "UcKW3nQtospJ/zUcuwQ27QI93BrVZ3u8j9CD8ECXU1Q=";
        var content = Encoding.UTF8.GetBytes("{\"state\":\"active\"}");
        static (string, string) Both(byte[] content) =>
            (Convert.ToBase64String(LedgerLeaf.Commitment(Salt, content)), LedgerLeaf.SubjectDigest(Salt, "operation/ru-su24"));

        var large = new byte[100_000];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((Commitment, "cb5d5c6a1785b0b0a6fff6ffc451e08a"), Both(content));
            _ = LedgerLeaf.Commitment(Salt, large);
        }

        var others = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Both(content))));
        Assert.All(others, h => Assert.Equal((Commitment, "cb5d5c6a1785b0b0a6fff6ffc451e08a"), h));
    }
}
