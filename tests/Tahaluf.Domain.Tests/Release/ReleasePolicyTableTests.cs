using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Release;

/// <summary>Every agreement level × label case × item kind, with the expected level written out by hand.</summary>
public sealed class ReleasePolicyTableTests
{
    private const string Owner = "RU";
    private const string Viewer = "TR";

    public enum LabelCase
    {
        NoList,
        ListWithViewer,
        ListWithoutViewer,
        EmptyList,
        CivilNoList,
        CivilListWithoutViewer,
    }

    public static TheoryData<ItemKind, ReleaseLevel, LabelCase, ReleaseLevel> Cases()
    {
        // (granted, label case, expected) written out, not computed, so the test cannot share a bug with the policy.
        (ReleaseLevel Granted, LabelCase Label, ReleaseLevel Expected)[] rows =
        [
            (ReleaseLevel.None, LabelCase.NoList, ReleaseLevel.None),
            (ReleaseLevel.Safety, LabelCase.NoList, ReleaseLevel.Safety),
            (ReleaseLevel.Envelope, LabelCase.NoList, ReleaseLevel.Envelope),
            (ReleaseLevel.Full, LabelCase.NoList, ReleaseLevel.Full),
            (ReleaseLevel.None, LabelCase.ListWithViewer, ReleaseLevel.None),
            (ReleaseLevel.Safety, LabelCase.ListWithViewer, ReleaseLevel.Safety),
            (ReleaseLevel.Envelope, LabelCase.ListWithViewer, ReleaseLevel.Envelope),
            (ReleaseLevel.Full, LabelCase.ListWithViewer, ReleaseLevel.Full),
            (ReleaseLevel.None, LabelCase.ListWithoutViewer, ReleaseLevel.None),
            (ReleaseLevel.Safety, LabelCase.ListWithoutViewer, ReleaseLevel.Safety),
            (ReleaseLevel.Envelope, LabelCase.ListWithoutViewer, ReleaseLevel.Safety),
            (ReleaseLevel.Full, LabelCase.ListWithoutViewer, ReleaseLevel.Safety),
            (ReleaseLevel.None, LabelCase.EmptyList, ReleaseLevel.None),
            (ReleaseLevel.Envelope, LabelCase.EmptyList, ReleaseLevel.Safety),
            (ReleaseLevel.Full, LabelCase.EmptyList, ReleaseLevel.Safety),
            (ReleaseLevel.None, LabelCase.CivilNoList, ReleaseLevel.None),
            (ReleaseLevel.Envelope, LabelCase.CivilNoList, ReleaseLevel.Envelope),
            (ReleaseLevel.Full, LabelCase.CivilNoList, ReleaseLevel.Full),
            (ReleaseLevel.Full, LabelCase.CivilListWithoutViewer, ReleaseLevel.Safety),
        ];

        var data = new TheoryData<ItemKind, ReleaseLevel, LabelCase, ReleaseLevel>();
        foreach (var kind in Enum.GetValues<ItemKind>())
        {
            foreach (var (granted, label, expected) in rows)
            {
                data.Add(kind, granted, label, expected);
            }
        }

        return data;
    }

    public static TheoryData<ItemKind, LabelCase> OwnerCases()
    {
        var data = new TheoryData<ItemKind, LabelCase>();
        foreach (var kind in Enum.GetValues<ItemKind>())
        {
            foreach (var label in Enum.GetValues<LabelCase>())
            {
                data.Add(kind, label);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EffectiveLevelAndProject_ViewerOtherThanOwner_MatchTable(ItemKind kind, ReleaseLevel granted, LabelCase labelCase, ReleaseLevel expected)
    {
        var item = BuildItem(kind, LabelFor(labelCase));
        var agreements = AgreementsGranting(kind, granted);

        Assert.Equal(expected, ReleasePolicy.EffectiveLevel(Viewer, item, agreements));
        Assert.Equal(expected, ReleasePolicy.EffectiveLevel(Viewer, Owner, kind, item.Label, agreements));
        AssertProjection(item, Viewer, agreements, expected, isOwner: false);
    }

    [Theory]
    [MemberData(nameof(OwnerCases))]
    public void EffectiveLevelAndProject_OwnerViewingOwnItem_IsFullWithOwnLabel(ItemKind kind, LabelCase labelCase)
    {
        var item = BuildItem(kind, LabelFor(labelCase));

        Assert.Equal(ReleaseLevel.Full, ReleasePolicy.EffectiveLevel(Owner, item, AgreementSet.Empty));
        AssertProjection(item, Owner, AgreementSet.Empty, ReleaseLevel.Full, isOwner: true);
    }

    [Theory]
    [InlineData(ReleaseLevel.Envelope)]
    [InlineData(ReleaseLevel.Full)]
    public void EffectiveLevel_ObserverWithAgreement_GetsWhatAgreementGives(ReleaseLevel granted)
    {
        var agreements = new AgreementSetBuilder().Grant("RU", "CIV", ItemKind.Zone, granted).Build();
        var zone = new ZoneBuilder().Build();

        Assert.Equal(granted, ReleasePolicy.EffectiveLevel("CIV", zone, agreements));
    }

    [Fact]
    public void EffectiveLevel_ReverseAgreementOnly_IsNone()
    {
        var agreements = new AgreementSetBuilder().GrantAllKinds(Viewer, Owner, ReleaseLevel.Full).Build();

        Assert.Equal(ReleaseLevel.None, ReleasePolicy.EffectiveLevel(Viewer, new OperationBuilder().Build(), agreements));
    }

    private static Label LabelFor(LabelCase labelCase) => labelCase switch
    {
        LabelCase.NoList => new LabelBuilder().WithCaveat("caveat").Build(),
        LabelCase.ListWithViewer => new LabelBuilder().ReleasableTo("US", Viewer).WithCaveat("caveat").Build(),
        LabelCase.ListWithoutViewer => new LabelBuilder().ReleasableTo("US", "FR").WithCaveat("caveat").Build(),
        LabelCase.EmptyList => new LabelBuilder().ReleasableTo().WithCaveat("caveat").Build(),
        LabelCase.CivilNoList => new LabelBuilder().Civil().WithCaveat("caveat").Build(),
        LabelCase.CivilListWithoutViewer => new LabelBuilder().Civil().ReleasableTo("US").WithCaveat("caveat").Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(labelCase)),
    };

    /// <summary>Grants <paramref name="level"/> for <paramref name="kind"/> and full for every other kind, so a kind mix-up shows.</summary>
    private static AgreementSet AgreementsGranting(ItemKind kind, ReleaseLevel level)
    {
        var builder = new AgreementSetBuilder();
        foreach (var other in Enum.GetValues<ItemKind>().Where(k => k != kind))
        {
            builder.Grant(Owner, Viewer, other, ReleaseLevel.Full);
        }

        if (level != ReleaseLevel.None)
        {
            builder.Grant(Owner, Viewer, kind, level);
        }

        return builder.GrantAllKinds(Owner, "US", ReleaseLevel.Full).Build();
    }

    private static Item BuildItem(ItemKind kind, Label label) => kind switch
    {
        ItemKind.Operation => new OperationBuilder().WithOwner(Owner).WithLabel(label).WithVersion(3).Build(),
        ItemKind.Zone => new ZoneBuilder().WithOwner(Owner).WithLabel(label).AnchoredTo("track-moskva").Build(),
        ItemKind.Report => new ReportBuilder().WithOwner(Owner).WithLabel(label).Build(),
        ItemKind.Track => new TrackBuilder().WithOwner(Owner).WithLabel(label).Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void AssertProjection(Item item, string viewer, AgreementSet agreements, ReleaseLevel expected, bool isOwner)
    {
        var view = ReleasePolicy.Project(item, viewer, agreements);
        if (expected < ReleaseLevel.Envelope)
        {
            Assert.Null(view);
            Assert.False(ReleasePolicy.IsVisible(viewer, item, agreements));
            return;
        }

        Assert.NotNull(view);
        Assert.True(ReleasePolicy.IsVisible(viewer, item, agreements));
        Assert.Equal(expected, view.Level);
        Assert.Equal(item.Kind, view.Kind);
        Assert.Equal(item.Id, view.Id);
        Assert.Equal(item.Owner, view.Owner);
        var full = expected == ReleaseLevel.Full;
        var ownLabel = isOwner ? item.Label : null;

        switch (item, view)
        {
            case (Operation o, OperationView v):
                Assert.Equal(o.Version, v.Envelope.Version);
                Assert.Equal(o.State, v.Envelope.State);
                Assert.Equal(o.Volumes, v.Envelope.Volumes);
                Assert.Equal(5_000, v.Envelope.Span.AltitudeLowerM);
                Assert.Equal(7_000, v.Envelope.Span.AltitudeUpperM);
                Assert.Equal(full, v.IsFull);
                if (v.IsFull)
                {
                    Assert.Equal(o.Category, v.Details.Category);
                    Assert.Equal(o.Callsigns, v.Details.Callsigns);
                    Assert.Equal(o.AircraftCount, v.Details.AircraftCount);
                    Assert.Equal(o.Remarks, v.Details.Remarks);
                    Assert.Equal("caveat", v.Details.Caveat);
                    Assert.Equal(ownLabel, v.Details.OwnLabel);
                }

                break;
            case (Zone z, ZoneView v):
                Assert.Equal(z.ZoneKind, v.Envelope.ZoneKind);
                Assert.Equal(z.State, v.Envelope.State);
                Assert.Equal(z.Volumes, v.Envelope.Volumes);
                Assert.Null(v.Envelope.Span.TimeEnd);
                Assert.Equal(full, v.IsFull);
                if (v.IsFull)
                {
                    Assert.Equal(z.Name, v.Details.Name);
                    Assert.Equal("track-moskva", v.Details.AnchorTrackId);
                    Assert.Equal("caveat", v.Details.Caveat);
                    Assert.Equal(ownLabel, v.Details.OwnLabel);
                }

                break;
            case (Report r, ReportView v):
                Assert.Equal(r.Version, v.Envelope.Version);
                Assert.Same(r.Geometry, v.Envelope.Geometry);
                Assert.Equal(full, v.IsFull);
                if (v.IsFull)
                {
                    Assert.Equal(r.Text, v.Details.Text);
                    Assert.Equal(r.Language, v.Details.Language);
                    Assert.Equal("caveat", v.Details.Caveat);
                    Assert.Equal(ownLabel, v.Details.OwnLabel);
                }

                break;
            case (Track t, TrackView v):
                Assert.Equal(t.Position, v.Envelope.Position);
                Assert.Equal(t.AltitudeM, v.Envelope.AltitudeM);
                Assert.Equal(t.Time, v.Envelope.Time);
                Assert.Equal(t.GroundSpeedMps, v.Envelope.GroundSpeedMps);
                Assert.Equal(t.CourseDeg, v.Envelope.CourseDeg);
                Assert.Equal(t.PlatformKind, v.Envelope.PlatformKind);
                Assert.Equal(full, v.IsFull);
                if (v.IsFull)
                {
                    Assert.Equal(t.Callsign, v.Details.Callsign);
                    Assert.Equal("caveat", v.Details.Caveat);
                    Assert.Equal(ownLabel, v.Details.OwnLabel);
                }

                break;
            default:
                Assert.Fail($"Unexpected view {view.GetType().Name} for {item.GetType().Name}.");
                break;
        }
    }
}
