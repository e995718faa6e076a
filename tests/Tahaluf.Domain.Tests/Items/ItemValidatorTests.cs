using Tahaluf.Domain.Items;
using Tahaluf.Domain.Validation;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Items;

public sealed class ItemValidatorTests
{
    [Fact]
    public void Validate_BuilderDefaults_AreValid()
    {
        Assert.Null(ItemValidator.Validate(new OperationBuilder().Build()));
        Assert.Null(ItemValidator.Validate(new ZoneBuilder().Build()));
        Assert.Null(ItemValidator.Validate(new ReportBuilder().Build()));
        Assert.Null(ItemValidator.Validate(new TrackBuilder().Build()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public void Validate_AircraftCountOutOfRange_Fails(int count) =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithAircraftCount(count).Build()), DomainErrorCodes.AircraftCountOutOfRange, "aircraft_count");

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public void Validate_AircraftCountAtBounds_Passes(int count) =>
        Assert.Null(ItemValidator.Validate(new OperationBuilder().WithAircraftCount(count).Build()));

    [Fact]
    public void Validate_RemarksTooLong_Fails() =>
        AssertError(
            ItemValidator.Validate(new OperationBuilder().WithRemarks(new string('x', ItemLimits.MaxRemarksLength + 1)).Build()),
            DomainErrorCodes.TextTooLong,
            "remarks");

    [Fact]
    public void Validate_RemarksAtLimitWithLineBreaks_Passes() =>
        Assert.Null(ItemValidator.Validate(new OperationBuilder().WithRemarks("a\nb" + new string('x', ItemLimits.MaxRemarksLength - 3)).Build()));

    [Fact]
    public void Validate_ReportTextTooLong_Fails() =>
        AssertError(
            ItemValidator.Validate(new ReportBuilder().WithText(new string('x', ItemLimits.MaxReportTextLength + 1)).Build()),
            DomainErrorCodes.TextTooLong,
            "text");

    [Fact]
    public void Validate_ArabicReport_Passes() =>
        Assert.Null(ItemValidator.Validate(new ReportBuilder().WithText("طائرتان فوق اللاذقية", "ar").Build()));

    [Theory]
    [InlineData("English")]
    [InlineData("EN")]
    [InlineData("e")]
    [InlineData("")]
    public void Validate_BadLanguage_Fails(string language) =>
        AssertError(ItemValidator.Validate(new ReportBuilder().WithText("text", language).Build()), DomainErrorCodes.InvalidLanguage, "language");

    [Theory]
    [InlineData("ru")]
    [InlineData("fr-FR")]
    [InlineData("zh-Hant-TW")]
    public void Validate_GoodLanguage_Passes(string language) =>
        Assert.Null(ItemValidator.Validate(new ReportBuilder().WithText("text", language).Build()));

    [Theory]
    [InlineData("ru")]
    [InlineData("R")]
    [InlineData("RUSSIA_AND_MORE_17")]
    [InlineData("1RU")]
    [InlineData("R-U")]
    public void Validate_BadOwner_Fails(string owner) =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithOwner(owner).Build()), DomainErrorCodes.InvalidPartnerId, "owner");

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/id")]
    public void Validate_BadId_Fails(string id) =>
        AssertError(ItemValidator.Validate(new ZoneBuilder().WithId(id).Build()), DomainErrorCodes.InvalidItemId, "id");

    [Fact]
    public void Validate_NoVolumes_Fails() =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithVolumes().Build()), DomainErrorCodes.NoVolumes, "volumes");

    [Fact]
    public void Validate_TooManyVolumes_Fails() =>
        AssertError(
            ItemValidator.Validate(new ZoneBuilder().WithVolumes(Enumerable.Repeat(TestVolumes.Default, ItemLimits.MaxVolumes + 1).ToArray()).Build()),
            DomainErrorCodes.TooManyVolumes,
            "volumes");

    [Fact]
    public void Validate_DuplicateCallsign_Fails() =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithCallsigns("A1", "A1").Build()), DomainErrorCodes.DuplicateEntry, "callsigns[1]");

    [Fact]
    public void Validate_CallsignWithControlCharacter_Fails() =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithCallsigns("A\u00071").Build()), DomainErrorCodes.InvalidCharacters, "callsigns[0]");

    [Fact]
    public void Validate_VersionZero_Fails() =>
        AssertError(ItemValidator.Validate(new ReportBuilder().WithVersion(0).Build()), DomainErrorCodes.InvalidVersion, "version");

    [Fact]
    public void Validate_UndefinedCategory_Fails() =>
        AssertError(ItemValidator.Validate(new OperationBuilder().WithCategory((OperationCategory)0).Build()), DomainErrorCodes.UnknownValue, "category");

    [Fact]
    public void Validate_AnchoredZoneWithPolygon_Fails()
    {
        var polygon = TestVolumes.Box(35, 35, 36, 36, 0, 10_000, TestVolumes.Start, null);

        AssertError(
            ItemValidator.Validate(new ZoneBuilder().AnchoredTo("track-moskva").WithVolumes(TestVolumes.Default, polygon).Build()),
            DomainErrorCodes.AnchoredZoneNotCircle,
            "volumes[1]");
    }

    [Fact]
    public void Validate_EmptyZoneName_Fails() =>
        AssertError(ItemValidator.Validate(new ZoneBuilder().WithName("  ").Build()), DomainErrorCodes.TextRequired, "name");

    [Fact]
    public void Validate_LabelWithBadPartnerId_Fails() =>
        AssertError(
            ItemValidator.Validate(new OperationBuilder().WithLabel(new LabelBuilder().ReleasableTo("US", "fr").Build()).Build()),
            DomainErrorCodes.InvalidPartnerId,
            "label.releasable_to[1]");

    [Fact]
    public void Validate_LabelWithDuplicatePartner_Fails() =>
        AssertError(
            ItemValidator.Validate(new OperationBuilder().WithLabel(new LabelBuilder().ReleasableTo("US", "US").Build()).Build()),
            DomainErrorCodes.DuplicateEntry,
            "label.releasable_to[1]");

    [Fact]
    public void Validate_CaveatTooLong_Fails() =>
        AssertError(
            ItemValidator.Validate(new TrackBuilder().WithLabel(new LabelBuilder().WithCaveat(new string('c', 257)).Build()).Build()),
            DomainErrorCodes.TextTooLong,
            "label.caveat");

    [Theory]
    [InlineData(91, 0, 0, 0, 0, "position.lat")]
    [InlineData(0, 181, 0, 0, 0, "position.lng")]
    [InlineData(0, 0, 100_001, 0, 0, "altitude")]
    [InlineData(0, 0, double.NaN, 0, 0, "altitude")]
    [InlineData(0, 0, 0, -1, 0, "ground_speed")]
    [InlineData(0, 0, 0, 0, 360, "course")]
    [InlineData(0, 0, 0, 0, -0.5, "course")]
    public void Validate_TrackKinematicsOutOfRange_Fails(double lat, double lng, double altitude, double speed, double course, string field) =>
        AssertError(
            ItemValidator.Validate(new TrackBuilder().At(new LatLng(lat, lng), altitude, TestVolumes.Start).Moving(speed, course).Build()),
            DomainErrorCodes.ValueOutOfRange,
            field);

    [Fact]
    public void ValidateReplacement_EndedToActive_Fails()
    {
        var ended = new OperationBuilder().WithState(ItemState.Ended).Build();
        var reactivated = ended with { State = ItemState.Active, Version = 2 };

        AssertError(ItemValidator.ValidateReplacement(ended, reactivated), DomainErrorCodes.InvalidStateTransition, "state");
    }

    [Fact]
    public void ValidateReplacement_PlannedToActive_Passes()
    {
        var planned = new OperationBuilder().Build();

        Assert.Null(ItemValidator.ValidateReplacement(planned, planned with { State = ItemState.Active, Version = 2 }));
    }

    [Fact]
    public void ValidateReplacement_CreateAsEnded_Fails() =>
        AssertError(
            ItemValidator.ValidateReplacement(null, new ZoneBuilder().WithState(ItemState.Ended).Build()),
            DomainErrorCodes.InvalidStateTransition,
            "state");

    [Fact]
    public void ValidateReplacement_OwnerChanged_Fails()
    {
        var original = new ReportBuilder().Build();

        AssertError(ItemValidator.ValidateReplacement(original, original with { Owner = "FR" }), DomainErrorCodes.IdentityChanged, "id");
    }

    [Fact]
    public void ValidateReplacement_TrackUpdate_Passes()
    {
        var track = new TrackBuilder().Build();

        Assert.Null(ItemValidator.ValidateReplacement(track, track with { AltitudeM = 6_100 }));
    }

    private static void AssertError(DomainError? error, string code, string field)
    {
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
