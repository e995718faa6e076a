namespace Tahaluf.Domain.Partners;

/// <summary>The syntax of partner ids: 2–16 characters, an upper-case ASCII letter then letters, digits or '_' (e.g. <c>RU</c>, <c>CIV</c>).</summary>
public static class PartnerId
{
    /// <summary>Shortest id, in characters.</summary>
    public const int MinLength = 2;

    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = 16;

    /// <summary>Whether <paramref name="id"/> is a well-formed partner id.</summary>
    /// <param name="id">The candidate id.</param>
    /// <returns>True when well-formed.</returns>
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length < MinLength || id.Length > MaxLength || !char.IsAsciiLetterUpper(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
