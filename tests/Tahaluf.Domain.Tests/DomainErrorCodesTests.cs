using System.Reflection;
using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Tests;

/// <summary>Golden list of error codes: clients match on them, so they are never renamed.</summary>
public sealed class DomainErrorCodesTests
{
    [Fact]
    public void Codes_AreFrozenAndUnique()
    {
        var expected = new Dictionary<string, string>
        {
            [nameof(DomainErrorCodes.InvalidPartnerId)] = "domain.invalid_partner_id",
            [nameof(DomainErrorCodes.InvalidItemId)] = "domain.invalid_item_id",
            [nameof(DomainErrorCodes.InvalidVersion)] = "domain.invalid_version",
            [nameof(DomainErrorCodes.UnknownValue)] = "domain.unknown_value",
            [nameof(DomainErrorCodes.InvalidStateTransition)] = "domain.invalid_state_transition",
            [nameof(DomainErrorCodes.AircraftCountOutOfRange)] = "domain.aircraft_count_out_of_range",
            [nameof(DomainErrorCodes.TextTooLong)] = "domain.text_too_long",
            [nameof(DomainErrorCodes.TextRequired)] = "domain.text_required",
            [nameof(DomainErrorCodes.InvalidCharacters)] = "domain.invalid_characters",
            [nameof(DomainErrorCodes.NoVolumes)] = "domain.no_volumes",
            [nameof(DomainErrorCodes.TooManyVolumes)] = "domain.too_many_volumes",
            [nameof(DomainErrorCodes.TooManyEntries)] = "domain.too_many_entries",
            [nameof(DomainErrorCodes.DuplicateEntry)] = "domain.duplicate_entry",
            [nameof(DomainErrorCodes.InvalidLanguage)] = "domain.invalid_language",
            [nameof(DomainErrorCodes.InvalidSigningKey)] = "domain.invalid_signing_key",
            [nameof(DomainErrorCodes.SelfAgreement)] = "domain.self_agreement",
            [nameof(DomainErrorCodes.AnchoredZoneNotCircle)] = "domain.anchored_zone_not_circle",
            [nameof(DomainErrorCodes.ValueOutOfRange)] = "domain.value_out_of_range",
            [nameof(DomainErrorCodes.IdentityChanged)] = "domain.identity_changed",
            [nameof(DomainErrorCodes.ObserverCannotWrite)] = "domain.observer_cannot_write",
            [nameof(DomainErrorCodes.NotOwner)] = "domain.not_owner",
            [nameof(DomainErrorCodes.NotRecipient)] = "domain.not_recipient",
            [nameof(DomainErrorCodes.InvalidTime)] = "domain.invalid_time",
            [nameof(DomainErrorCodes.InvalidNotificationSubject)] = "domain.invalid_notification_subject",
        };

        var actual = typeof(DomainErrorCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Equal(actual.Count, actual.Values.Distinct().Count());
    }
}
