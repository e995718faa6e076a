using System.Security.Cryptography;

namespace Tahaluf.Ledger.Tests.Merkle;

/// <summary>RFC 9162 section 2.1 written out literally (recursive MTH, PATH, PROOF): the oracle for the tree.</summary>
internal static class ReferenceTree
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] Mth(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return LeafHash(leaves[start]);
        }

        var k = Split(n);
        return SHA256.HashData([0x01, .. Mth(leaves, start, start + k), .. Mth(leaves, start + k, end)]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = Split(n);
        if (m < k)
        {
            var path = Path(m, leaves, start, start + k);
            path.Add(Mth(leaves, start + k, end));
            return path;
        }
        else
        {
            var path = Path(m - k, leaves, start + k, end);
            path.Add(Mth(leaves, start, start + k));
            return path;
        }
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leaves, int n) => SubProof(m, leaves, 0, n, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> leaves, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(leaves, start, end)];
        }

        var k = Split(n);
        if (m <= k)
        {
            var proof = SubProof(m, leaves, start, start + k, b);
            proof.Add(Mth(leaves, start + k, end));
            return proof;
        }
        else
        {
            var proof = SubProof(m - k, leaves, start + k, end, false);
            proof.Add(Mth(leaves, start, start + k));
            return proof;
        }
    }

    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
