namespace Tahaluf.Domain.Validation;

/// <summary>Shared checks on free text and language tags.</summary>
internal static class TextRules
{
    public static DomainError? Check(string? value, string field, int maxLength, bool required, bool multiline)
    {
        if (value is null || value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            return required || value is not null
                ? new DomainError(DomainErrorCodes.TextRequired, field, $"{field} must not be empty.")
                : null;
        }

        if (value.Length > maxLength)
        {
            return new DomainError(
                DomainErrorCodes.TextTooLong,
                field,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{field} is {value.Length} characters long; at most {maxLength} are allowed."));
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return new DomainError(DomainErrorCodes.InvalidCharacters, field, $"{field} contains a control character.");
            }
        }

        return null;
    }

    /// <summary>A simple BCP 47 tag: 2–3 lower-case letters, then optional subtags of 1–8 letters or digits.</summary>
    public static bool IsLanguageTag(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag.Length > 35)
        {
            return false;
        }

        var parts = tag.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetterLower))
        {
            return false;
        }

        return parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    public static DomainError Unknown(string field) =>
        new(DomainErrorCodes.UnknownValue, field, $"{field} is not a known value.");

    public static DomainError OutOfRange(string field, string rule) =>
        new(DomainErrorCodes.ValueOutOfRange, field, $"{field} must be {rule}.");
}
