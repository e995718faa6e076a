using System.Globalization;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Release;

/// <summary>Checks a <see cref="Label"/>. Pure and thread-safe.</summary>
public static class LabelValidator
{
    /// <summary>
    /// Checks that the releasable-to list holds at most <see cref="ItemLimits.MaxReleasableTo"/> distinct, well-formed
    /// partner ids and that the caveat is at most <see cref="ItemLimits.MaxCaveatLength"/> characters without control characters.
    /// </summary>
    /// <param name="label">The label.</param>
    /// <param name="field">Path of the label in the request, for error messages.</param>
    /// <returns>The first error found, or null when valid.</returns>
    public static DomainError? Validate(Label label, string field = "label")
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.ReleasableTo is { } list)
        {
            if (list.IsDefault)
            {
                return TextRules.Unknown($"{field}.releasable_to");
            }

            if (list.Length > ItemLimits.MaxReleasableTo)
            {
                return new DomainError(
                    DomainErrorCodes.TooManyEntries,
                    $"{field}.releasable_to",
                    string.Create(CultureInfo.InvariantCulture, $"{field}.releasable_to has {list.Length} entries; at most {ItemLimits.MaxReleasableTo} are allowed."));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Length; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{field}.releasable_to[{i}]");
                if (!PartnerId.IsValid(list[i]))
                {
                    return new DomainError(DomainErrorCodes.InvalidPartnerId, path, $"{path} is not a partner id.");
                }

                if (!seen.Add(list[i]))
                {
                    return new DomainError(DomainErrorCodes.DuplicateEntry, path, $"{path} repeats {list[i]}.");
                }
            }
        }

        return TextRules.Check(label.Caveat, $"{field}.caveat", ItemLimits.MaxCaveatLength, required: false, multiline: false);
    }
}
