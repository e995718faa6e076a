using Tahaluf.Domain.Conflicts;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Tests;

/// <summary>
/// Golden values: these numbers and names are stored and sent on the wire. A failure here means a persisted value
/// changed; add new members instead of editing these rows.
/// </summary>
public sealed class PersistedEnumStabilityTests
{
    [Fact]
    public void ReleaseLevel_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (ReleaseLevel.None, 0, "none"),
            (ReleaseLevel.Safety, 1, "safety"),
            (ReleaseLevel.Envelope, 2, "envelope"),
            (ReleaseLevel.Full, 3, "full"));

    [Fact]
    public void ItemKind_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (ItemKind.Operation, 1, "operation"),
            (ItemKind.Zone, 2, "zone"),
            (ItemKind.Track, 3, "track"),
            (ItemKind.Report, 4, "report"));

    [Fact]
    public void ItemState_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (ItemState.Planned, 1, "planned"),
            (ItemState.Active, 2, "active"),
            (ItemState.Ended, 3, "ended"),
            (ItemState.Cancelled, 4, "cancelled"));

    [Fact]
    public void OperationCategory_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (OperationCategory.Transit, 1, "transit"),
            (OperationCategory.Patrol, 2, "patrol"),
            (OperationCategory.AirToGroundSupport, 3, "air_to_ground_support"),
            (OperationCategory.Reconnaissance, 4, "reconnaissance"),
            (OperationCategory.Refuelling, 5, "refuelling"),
            (OperationCategory.Training, 6, "training"),
            (OperationCategory.Other, 7, "other"));

    [Fact]
    public void ZoneKind_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (ZoneKind.AirDefenceEngagementZone, 1, "air_defence_engagement_zone"),
            (ZoneKind.RestrictedArea, 2, "restricted_area"),
            (ZoneKind.DangerArea, 3, "danger_area"),
            (ZoneKind.BorderWarningZone, 4, "border_warning_zone"),
            (ZoneKind.Other, 5, "other"));

    [Fact]
    public void PlatformKind_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (PlatformKind.Unknown, 1, "unknown"),
            (PlatformKind.FixedWing, 2, "fixed_wing"),
            (PlatformKind.RotaryWing, 3, "rotary_wing"),
            (PlatformKind.Unmanned, 4, "unmanned"),
            (PlatformKind.Ship, 5, "ship"),
            (PlatformKind.Ground, 6, "ground"));

    [Fact]
    public void PartnerRole_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (PartnerRole.Member, 1, "member"),
            (PartnerRole.Observer, 2, "observer"));

    [Fact]
    public void ConflictSource_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (ConflictSource.Declared, 1, "declared"),
            (ConflictSource.Predicted, 2, "predicted"));

    [Fact]
    public void NotificationState_ValuesAndNames_AreFrozen() =>
        AssertFrozen(
            (NotificationState.Pending, 1, "pending"),
            (NotificationState.Acknowledged, 2, "acknowledged"),
            (NotificationState.Overdue, 3, "overdue"),
            (NotificationState.Escalated, 4, "escalated"));

    [Fact]
    public void ReleaseLevel_Order_IsNoneSafetyEnvelopeFull()
    {
        Assert.True(ReleaseLevel.None < ReleaseLevel.Safety);
        Assert.True(ReleaseLevel.Safety < ReleaseLevel.Envelope);
        Assert.True(ReleaseLevel.Envelope < ReleaseLevel.Full);
    }

    private static void AssertFrozen<TEnum>(params (TEnum Value, int Number, string Name)[] rows)
        where TEnum : struct, Enum
    {
        // Every member must be in the table, so a new member forces a new golden row.
        Assert.Equal(rows.Length, Enum.GetValues<TEnum>().Length);
        foreach (var (value, number, name) in rows)
        {
            Assert.Equal(number, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(name, WireNames.Of(value));
            Assert.True(WireNames.TryParse<TEnum>(name, out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
