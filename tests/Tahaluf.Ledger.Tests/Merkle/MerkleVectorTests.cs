using System.Text.Json;
using Tahaluf.Ledger.Merkle;

namespace Tahaluf.Ledger.Tests.Merkle;

/// <summary>Every transparency-dev/merkle vector: happy paths verify, every mutant fails.</summary>
public sealed class MerkleVectorTests
{
    public static TheoryData<string> InclusionFiles() => Files("inclusion");

    public static TheoryData<string> ConsistencyFiles() => Files("consistency");

    [Fact]
    public void VectorDirectories_AreFound_HoldAllFiles()
    {
        Assert.Equal(196, InclusionFiles().Count + ConsistencyFiles().Count);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void VerifyInclusion_Vector_MatchesWantErr(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.MerkleDirectory, "testdata", file)));
        var root = json.RootElement;
        var index = unchecked((long)root.GetProperty("leafIdx").GetUInt64());
        var size = unchecked((long)root.GetProperty("treeSize").GetUInt64());
        var proof = ReadProof(root.GetProperty("proof"));
        var wantErr = root.GetProperty("wantErr").GetBoolean();

        var status = MerkleProofVerifier.VerifyInclusion(
            index, size, Convert.FromBase64String(root.GetProperty("leafHash").GetString()!), proof, Convert.FromBase64String(root.GetProperty("root").GetString()!));

        Assert.Equal(wantErr, status != ProofStatus.Verified);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void VerifyConsistency_Vector_MatchesWantErr(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.MerkleDirectory, "testdata", file)));
        var root = json.RootElement;
        var size1 = unchecked((long)root.GetProperty("size1").GetUInt64());
        var size2 = unchecked((long)root.GetProperty("size2").GetUInt64());
        var proof = ReadProof(root.GetProperty("proof"));
        var wantErr = root.GetProperty("wantErr").GetBoolean();

        var status = MerkleProofVerifier.VerifyConsistency(
            size1, size2, Convert.FromBase64String(root.GetProperty("root1").GetString()!), Convert.FromBase64String(root.GetProperty("root2").GetString()!), proof);

        Assert.Equal(wantErr, status != ProofStatus.Verified);
    }

    [Fact]
    public void RootHash_EightLeafTree_MatchesEverySize()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.MerkleDirectory, "tree-8.json")));
        var leaves = json.RootElement.GetProperty("leaf_inputs_hex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToArray();
        var roots = json.RootElement.GetProperty("root_hex_by_size").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(9, roots.Length);

        using var tree = new MerkleTree(new Tahaluf.Ledger.Storage.InMemoryNodeStore());
        Assert.Equal(roots[0], Convert.ToHexStringLower(tree.RootHash(0)));
        for (var i = 0; i < leaves.Length; i++)
        {
            tree.Append(leaves[i]);
            Assert.Equal(roots[i + 1], Convert.ToHexStringLower(tree.RootHash(i + 1)));
        }

        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(roots[size], Convert.ToHexStringLower(tree.RootHash(size)));
        }
    }

    private static byte[][] ReadProof(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : element.EnumerateArray().Select(e => Convert.FromBase64String(e.GetString()!)).ToArray();

    private static TheoryData<string> Files(string kind)
    {
        var baseDirectory = Path.Combine(SharedData.MerkleDirectory, "testdata");
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(baseDirectory, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(baseDirectory, file));
        }

        return data;
    }
}
