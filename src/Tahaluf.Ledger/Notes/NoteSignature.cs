using System.Buffers.Binary;

namespace Tahaluf.Ledger.Notes;

/// <summary>One signature line of a signed note: the key name, the key id and the signature bytes after the id.</summary>
/// <param name="Name">The key name.</param>
/// <param name="KeyId">The 32-bit key id.</param>
/// <param name="Signature">The signature bytes (64 for Ed25519, 72 for a timestamped cosignature).</param>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The line as it appears in a note: em dash, space, name, space, base64(key id ‖ signature), newline.</summary>
    /// <returns>The line, ending in a newline.</returns>
    public string ToLine()
    {
        var blob = new byte[4 + Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        Signature.CopyTo(blob, 4);
        return $"\u2014 {Name} {Convert.ToBase64String(blob)}\n";
    }
}
