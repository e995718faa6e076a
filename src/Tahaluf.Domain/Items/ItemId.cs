namespace Tahaluf.Domain.Items;

/// <summary>The syntax of item ids, chosen by clients and used in URLs: 1–128 characters of A–Z, a–z, 0–9, '.', '_', '~', '-'.</summary>
public static class ItemId
{
    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="id"/> is a well-formed item id.</summary>
    /// <param name="id">The candidate id.</param>
    /// <returns>True when well-formed.</returns>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '~' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
