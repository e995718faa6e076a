namespace Tahaluf.Ledger.Notes;

/// <summary>C2SP signed-note signature type identifier bytes this library supports. Values are the wire bytes.</summary>
public enum NoteKeyType : byte
{
    /// <summary>0x01: an Ed25519 signature over the note text (c2sp.org/signed-note).</summary>
    Ed25519 = 0x01,

    /// <summary>0x04: a timestamped Ed25519 witness cosignature (c2sp.org/tlog-cosignature, v1).</summary>
    Ed25519Cosignature = 0x04,
}
