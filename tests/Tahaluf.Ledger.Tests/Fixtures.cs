using System.Text;
using Tahaluf.Ledger.Merkle;
using Tahaluf.Ledger.Notes;
using Tahaluf.Ledger.Storage;

namespace Tahaluf.Ledger.Tests;

/// <summary>Deterministic keys and trees shared by the note, checkpoint and receipt tests.</summary>
internal static class Fixtures
{
    public const string Origin = "tahaluf.example/log";

    public const long CosignTime = 1_448_496_000;

    public static NoteSigner LogSigner() => NoteSigner.FromSeed(Origin, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    public static NoteSigner WitnessSigner() =>
        NoteSigner.FromSeed("witness.example/w1", Enumerable.Range(100, 32).Select(i => (byte)i).ToArray(), NoteKeyType.Ed25519Cosignature);

    public static byte[] Entry(int i) => Encoding.UTF8.GetBytes($"entry {i}");

    public static MerkleTree Tree(int size)
    {
        var tree = new MerkleTree(new InMemoryNodeStore());
        for (var i = 0; i < size; i++)
        {
            tree.Append(Entry(i));
        }

        return tree;
    }
}
