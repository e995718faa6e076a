using Tahaluf.Domain.Items;

namespace Tahaluf.Hub.State;

/// <summary>The current version of an item with its storage metadata.</summary>
/// <param name="Item">The domain item.</param>
/// <param name="Version">Version number.</param>
/// <param name="BodyHash">SHA-256 of the canonical body (idempotent PUT compares it).</param>
/// <param name="UpdatedAt">When this version was accepted, UTC.</param>
/// <param name="LedgerIndex">Ledger entry of this version.</param>
public sealed record StoredItem(Item Item, long Version, byte[] BodyHash, DateTimeOffset UpdatedAt, long LedgerIndex)
{
    /// <summary>The HTTP entity tag of this version, quoted.</summary>
    public string ETag => "\"" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
}
