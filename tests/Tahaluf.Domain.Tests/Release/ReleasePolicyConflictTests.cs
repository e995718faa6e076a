using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Release;

public sealed class ReleasePolicyConflictTests
{
    private static readonly Operation RussianOperation = new OperationBuilder().WithId("op-su24-1").WithOwner("RU").Build();
    private static readonly Zone TurkishBorderZone = new ZoneBuilder()
        .WithId("zone-tr-border").WithOwner("TR").WithKind(ZoneKind.BorderWarningZone).WithName("Hatay border").Build();

    private static Conflict SuConflict() => new ConflictBuilder()
        .WithSource(ConflictSource.Predicted)
        .Between(RussianOperation, TurkishBorderZone)
        .Build();

    [Fact]
    public void ProjectConflict_NoAgreementsAtAll_BothPartiesGetSafetyMinimumOnly()
    {
        var conflict = SuConflict();

        var toTurkey = ReleasePolicy.ProjectConflict(conflict, "TR", AgreementSet.Empty, RussianOperation);
        var toRussia = ReleasePolicy.ProjectConflict(conflict, "RU", AgreementSet.Empty, TurkishBorderZone);

        Assert.NotNull(toTurkey);
        Assert.Equal("RU", toTurkey.OtherParty);
        Assert.Equal(TurkishBorderZone.Ref, toTurkey.OwnItem);
        Assert.Same(conflict.Encounter, toTurkey.Encounter);
        Assert.Equal(ReleaseLevel.Safety, toTurkey.Level);
        Assert.Null(toTurkey.OtherItem);
        Assert.Equal(ConflictSource.Predicted, toTurkey.Source);

        Assert.NotNull(toRussia);
        Assert.Equal("TR", toRussia.OtherParty);
        Assert.Equal(RussianOperation.Ref, toRussia.OwnItem);
        Assert.Null(toRussia.OtherItem);
    }

    [Fact]
    public void ProjectConflict_EnvelopeAgreement_AddsOtherItemEnvelopeWithoutDetails()
    {
        var agreements = new AgreementSetBuilder().Grant("RU", "TR", ItemKind.Operation, ReleaseLevel.Envelope).Build();

        var notice = ReleasePolicy.ProjectConflict(SuConflict(), "TR", agreements, RussianOperation);

        Assert.NotNull(notice);
        Assert.Equal(ReleaseLevel.Envelope, notice.Level);
        var other = Assert.IsType<OperationView>(notice.OtherItem);
        Assert.Equal("op-su24-1", other.Id);
        Assert.False(other.IsFull);
    }

    [Fact]
    public void ProjectConflict_FullAgreementButLabelExcludesViewer_CapsAtSafety()
    {
        var restricted = RussianOperation with { Label = new LabelBuilder().ReleasableTo("US").Build() };
        var agreements = new AgreementSetBuilder().Grant("RU", "TR", ItemKind.Operation, ReleaseLevel.Full).Build();

        var notice = ReleasePolicy.ProjectConflict(SuConflict(), "TR", agreements, restricted);

        Assert.NotNull(notice);
        Assert.Equal(ReleaseLevel.Safety, notice.Level);
        Assert.Null(notice.OtherItem);
    }

    [Fact]
    public void ProjectConflict_OtherItemNotSupplied_GivesSafetyMinimumEvenWithFullAgreement()
    {
        var agreements = new AgreementSetBuilder().Grant("RU", "TR", ItemKind.Operation, ReleaseLevel.Full).Build();

        var notice = ReleasePolicy.ProjectConflict(SuConflict(), "TR", agreements, otherItem: null);

        Assert.NotNull(notice);
        Assert.Equal(ReleaseLevel.Safety, notice.Level);
        Assert.Null(notice.OtherItem);
    }

    [Fact]
    public void ProjectConflict_ViewerNotAParty_IsHidden()
    {
        var agreements = new AgreementSetBuilder().GrantAllKinds("RU", "US", ReleaseLevel.Full).Build();

        Assert.Null(ReleasePolicy.ProjectConflict(SuConflict(), "US", agreements, RussianOperation));
    }

    [Fact]
    public void ProjectConflict_WrongOtherItem_Throws()
    {
        var unrelated = new OperationBuilder().WithId("op-other").WithOwner("RU").Build();

        Assert.Throws<ArgumentException>(() => ReleasePolicy.ProjectConflict(SuConflict(), "TR", AgreementSet.Empty, unrelated));
    }

    [Fact]
    public void ProjectForCivil_CivilActiveZone_KeepsOnlyCoarseFields()
    {
        var zone = new ZoneBuilder()
            .WithLabel(new LabelBuilder().Civil().ReleasableTo("FR").WithCaveat("NOFORN").Build())
            .AnchoredTo("track-moskva")
            .Build();

        var hazard = ReleasePolicy.ProjectForCivil(zone);

        Assert.NotNull(hazard);
        Assert.Equal("RU", hazard.Owner);
        Assert.Equal(ZoneKind.AirDefenceEngagementZone, hazard.ZoneKind);
        Assert.Equal(zone.Volumes, hazard.Volumes);
        Assert.Equal(0, hazard.Span.AltitudeLowerM);
        Assert.Equal(30_000, hazard.Span.AltitudeUpperM);
        var json = System.Text.Json.JsonSerializer.Serialize(hazard);
        Assert.DoesNotContain("S-400 Hmeimim", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NOFORN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("track-moskva", json, StringComparison.Ordinal);
        Assert.DoesNotContain("zone-s400-hmeimim", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectForCivil_NotCivil_IsNull() =>
        Assert.Null(ReleasePolicy.ProjectForCivil(new ZoneBuilder().Build()));

    [Theory]
    [InlineData(ItemState.Ended)]
    [InlineData(ItemState.Cancelled)]
    public void ProjectForCivil_CivilButNotLive_IsNull(ItemState state) =>
        Assert.Null(ReleasePolicy.ProjectForCivil(new ZoneBuilder().WithLabel(new LabelBuilder().Civil().Build()).WithState(state).Build()));

    [Fact]
    public void EffectiveLevel_CivilFlag_GivesPartnersNothingExtra()
    {
        var zone = new ZoneBuilder().WithLabel(new LabelBuilder().Civil().Build()).Build();

        Assert.Equal(ReleaseLevel.None, ReleasePolicy.EffectiveLevel("CIV", zone, AgreementSet.Empty));
        Assert.Null(ReleasePolicy.Project(zone, "CIV", AgreementSet.Empty));
    }

    [Fact]
    public void Project_SyriaStartAgreements_UsSeesRussianOperationEnvelopeTurkeyNothing()
    {
        var agreements = AgreementSetBuilder.SyriaStart();

        var us = ReleasePolicy.Project(RussianOperation, "US", agreements);
        var tr = ReleasePolicy.Project(RussianOperation, "TR", agreements);

        Assert.NotNull(us);
        Assert.Equal(ReleaseLevel.Envelope, us.Level);
        Assert.Null(us.Details);
        Assert.Null(tr);
    }
}
