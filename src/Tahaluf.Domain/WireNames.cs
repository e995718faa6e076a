using System.Collections.Frozen;
using System.Text;

namespace Tahaluf.Domain;

/// <summary>
/// The persisted and wire names of the domain's enums: the member name in lower snake case
/// (<c>AirToGroundSupport</c> → <c>air_to_ground_support</c>), the same as
/// <c>JsonNamingPolicy.SnakeCaseLower</c> produces. Frozen by golden tests. Thread-safe.
/// </summary>
public static class WireNames
{
    /// <summary>The wire name of a defined enum value.</summary>
    /// <typeparam name="TEnum">A domain enum.</typeparam>
    /// <param name="value">A defined value.</param>
    /// <returns>The lower snake case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Table<TEnum>.Names.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Undefined enum value.");

    /// <summary>Reads a wire name (exact, case-sensitive match).</summary>
    /// <typeparam name="TEnum">A domain enum.</typeparam>
    /// <param name="text">The wire name, e.g. <c>envelope</c>.</param>
    /// <param name="value">The value when found, else default.</param>
    /// <returns>True when <paramref name="text"/> is the wire name of a defined value.</returns>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && Table<TEnum>.Values.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static class Table<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => ToSnakeCase(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> Values =
            Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
