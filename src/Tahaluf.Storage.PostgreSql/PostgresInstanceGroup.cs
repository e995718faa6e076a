using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tahaluf.Storage.PostgreSql;

/// <summary>
/// The hub instances that share one set of tables: same database and same search path. NOTIFY channels and
/// advisory locks are database-wide, so their names are derived from the search path; otherwise two hubs (or
/// two test schemas) in one database would wake each other and fight over one leadership.
/// </summary>
internal sealed record PostgresInstanceGroup(string Name, string Channel, long LeadershipLockKey, long MigrationLockKey, long WriteLockKey)
{
    private const string ChannelBase = "tahaluf_commit";

    /// <summary>The group of a connection string: its search path, trimmed (empty when unset).</summary>
    public static PostgresInstanceGroup FromSearchPath(string? searchPath)
    {
        var name = string.Join(',', (searchPath ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        // A hash keeps the channel a short plain identifier whatever the schema names are (limit: 63 bytes).
        var channel = name.Length == 0
            ? ChannelBase
            : ChannelBase + "_" + Convert.ToHexStringLower(Digest("channel", name), 0, 8);
        return new PostgresInstanceGroup(name, channel, Key("leadership", name), Key("migration", name), Key("write", name));
    }

    private static long Key(string purpose, string name) => BinaryPrimitives.ReadInt64BigEndian(Digest(purpose, name));

    private static byte[] Digest(string purpose, string name) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"tahaluf/{purpose}/{name}")));
}
