using System.Collections.Immutable;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Validation;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Partners;

public sealed class PartnerTests
{
    [Fact]
    public void Validate_BuilderDefault_Passes() => Assert.Null(PartnerValidator.Validate(new PartnerBuilder().Build()));

    [Theory]
    [InlineData("RU", true)]
    [InlineData("CIV", true)]
    [InlineData("NATO_AWACS", true)]
    [InlineData("R", false)]
    [InlineData("ru", false)]
    [InlineData("_RU", false)]
    [InlineData("RU-1", false)]
    [InlineData("ABCDEFGHIJKLMNOPQ", false)]
    public void IsValid_Ids_FollowSyntax(string id, bool valid) => Assert.Equal(valid, PartnerId.IsValid(id));

    [Fact]
    public void Validate_BadId_FailsInvalidPartnerId() =>
        Assert.Equal(DomainErrorCodes.InvalidPartnerId, PartnerValidator.Validate(new PartnerBuilder().WithId("ru").Build())?.Code);

    [Fact]
    public void Validate_NoNames_Fails() =>
        Assert.Equal(
            DomainErrorCodes.TextRequired,
            PartnerValidator.Validate(new PartnerBuilder().WithNames(ImmutableDictionary<string, string>.Empty).Build())?.Code);

    [Fact]
    public void Validate_NameKeyNotALanguage_Fails() =>
        Assert.Equal(DomainErrorCodes.InvalidLanguage, PartnerValidator.Validate(new PartnerBuilder().WithName("Russian", "x").Build())?.Code);

    [Theory]
    [InlineData(16, false)]
    [InlineData(32, true)]
    public void Validate_SigningKeyLength_Must_Be32(int length, bool valid)
    {
        var error = PartnerValidator.Validate(new PartnerBuilder().WithSigningKey(new byte[length]).Build());

        Assert.Equal(valid, error is null);
        if (!valid)
        {
            Assert.Equal(DomainErrorCodes.InvalidSigningKey, error!.Code);
        }
    }

    [Fact]
    public void DisplayName_FallsBackToEnglishThenId()
    {
        var partner = new PartnerBuilder().Build();

        Assert.Equal("Россия", partner.DisplayName("ru"));
        Assert.Equal("Russia", partner.DisplayName("de"));
        Assert.Equal("TR", new PartnerBuilder().WithId("TR").WithNames(ImmutableDictionary<string, string>.Empty).Build().DisplayName("en"));
    }

    [Fact]
    public void WriteAuthorization_OwnItem_Allowed() =>
        Assert.Null(WriteAuthorization.Check(new PartnerBuilder().Build(), "RU"));

    [Fact]
    public void WriteAuthorization_OtherOwner_FailsNotOwner() =>
        Assert.Equal(DomainErrorCodes.NotOwner, WriteAuthorization.Check(new PartnerBuilder().Build(), "FR")?.Code);

    [Fact]
    public void WriteAuthorization_Observer_FailsEvenForOwnId() =>
        Assert.Equal(
            DomainErrorCodes.ObserverCannotWrite,
            WriteAuthorization.Check(new PartnerBuilder().WithId("CIV").Observer().Build(), "CIV")?.Code);
}
