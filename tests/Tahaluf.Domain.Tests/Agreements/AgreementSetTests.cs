using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Validation;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Agreements;

public sealed class AgreementSetTests
{
    [Fact]
    public void LevelFor_Absent_IsNone() =>
        Assert.Equal(ReleaseLevel.None, AgreementSet.Empty.LevelFor("RU", "US", ItemKind.Operation));

    [Fact]
    public void LevelFor_IsDirectedAndPerKind()
    {
        var set = new AgreementSetBuilder().Grant("RU", "US", ItemKind.Operation, ReleaseLevel.Envelope).Build();

        Assert.Equal(ReleaseLevel.Envelope, set.LevelFor("RU", "US", ItemKind.Operation));
        Assert.Equal(ReleaseLevel.None, set.LevelFor("US", "RU", ItemKind.Operation));
        Assert.Equal(ReleaseLevel.None, set.LevelFor("RU", "US", ItemKind.Zone));
    }

    [Fact]
    public void Create_DuplicateKey_LaterWins()
    {
        var set = AgreementSet.Create([
            new Agreement("RU", "FR", ItemKind.Zone, ReleaseLevel.Full),
            new Agreement("RU", "FR", ItemKind.Zone, ReleaseLevel.Safety),
        ]);

        Assert.Equal(1, set.Count);
        Assert.Equal(ReleaseLevel.Safety, set.LevelFor("RU", "FR", ItemKind.Zone));
    }

    [Fact]
    public void With_ReturnsNewSetAndLeavesOriginalUnchanged()
    {
        var before = AgreementSetBuilder.SyriaStart();

        var after = before.With(new Agreement("RU", "FR", ItemKind.Operation, ReleaseLevel.Envelope));

        Assert.Equal(ReleaseLevel.None, before.LevelFor("RU", "FR", ItemKind.Operation));
        Assert.Equal(ReleaseLevel.Envelope, after.LevelFor("RU", "FR", ItemKind.Operation));
        Assert.Equal(before.Count + 1, after.Count);
    }

    [Fact]
    public void Without_RemovesOnlyThatAgreement()
    {
        var set = AgreementSetBuilder.SyriaStart().Without("FR", "US", ItemKind.Track);

        Assert.Equal(ReleaseLevel.None, set.LevelFor("FR", "US", ItemKind.Track));
        Assert.Equal(ReleaseLevel.Full, set.LevelFor("FR", "US", ItemKind.Zone));
    }

    [Fact]
    public void Without_Absent_ReturnsSameInstance()
    {
        var set = AgreementSetBuilder.SyriaStart();

        Assert.Same(set, set.Without("TR", "RU", ItemKind.Zone));
    }

    [Fact]
    public void FromAndTo_FilterByDirection()
    {
        var set = AgreementSetBuilder.SyriaStart();

        Assert.All(set.From("FR"), a => Assert.Equal("FR", a.Owner));
        Assert.Equal(4, set.From("FR").Count());
        Assert.Equal(5, set.To("US").Count());
        Assert.Equal(set.All.OrderBy(a => a.Owner, StringComparer.Ordinal).ThenBy(a => a.Recipient, StringComparer.Ordinal).ThenBy(a => a.Kind), set.All);
    }

    [Fact]
    public void Validate_SelfAgreement_Fails() =>
        Assert.Equal(DomainErrorCodes.SelfAgreement, AgreementValidator.Validate(new Agreement("RU", "RU", ItemKind.Zone, ReleaseLevel.Full))?.Code);

    [Fact]
    public void Validate_BadRecipient_Fails()
    {
        var error = AgreementValidator.Validate(new Agreement("RU", "us", ItemKind.Zone, ReleaseLevel.Full));

        Assert.Equal(DomainErrorCodes.InvalidPartnerId, error?.Code);
        Assert.Equal("recipient", error?.Field);
    }

    [Fact]
    public void Validate_UndefinedLevel_Fails() =>
        Assert.Equal(DomainErrorCodes.UnknownValue, AgreementValidator.Validate(new Agreement("RU", "US", ItemKind.Zone, (ReleaseLevel)7))?.Code);

    [Fact]
    public void Validate_Good_Passes() =>
        Assert.Null(AgreementValidator.Validate(new Agreement("RU", "US", ItemKind.Operation, ReleaseLevel.Envelope)));
}
