using Tahaluf.Domain.Items;
using Tahaluf.Domain.Notifications;
using Tahaluf.Domain.Validation;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Notifications;

public sealed class AckRuleTests
{
    private static readonly DateTimeOffset Created = new(2015, 11, 24, 7, 22, 30, TimeSpan.Zero);

    private static Notification Conflict() => new NotificationBuilder().To("TR").CreatedAt(Created).Build();

    [Fact]
    public void ForConflict_DefaultWindow_DeadlineIs120SecondsAfterCreation() =>
        Assert.Equal(Created.AddSeconds(120), Conflict().AckDeadline);

    [Theory]
    [InlineData(0, NotificationState.Pending)]
    [InlineData(119.999, NotificationState.Pending)]
    [InlineData(120, NotificationState.Overdue)]
    [InlineData(600, NotificationState.Overdue)]
    public void StateAt_AroundDeadline_PendingThenOverdue(double secondsAfterCreation, NotificationState expected) =>
        Assert.Equal(expected, AckRule.StateAt(Conflict(), Created.AddSeconds(secondsAfterCreation)));

    [Fact]
    public void StateAt_ItemNotificationWithoutDeadline_StaysPending()
    {
        var n = Notification.ForItem("n-item", "US", new ItemRef(ItemKind.Operation, "RU", "op-1"), Created);

        Assert.Equal(NotificationState.Pending, AckRule.StateAt(n, Created.AddDays(30)));
        Assert.False(AckRule.NeedsEscalation(n, Created.AddDays(30)));
    }

    [Fact]
    public void Acknowledge_BeforeDeadline_IsAcknowledgedNotLate()
    {
        var result = AckRule.Acknowledge(Conflict(), "TR", Created.AddSeconds(30));

        Assert.True(result.Success);
        Assert.Equal(NotificationState.Acknowledged, result.Value.State);
        Assert.Equal(Created.AddSeconds(30), result.Value.AcknowledgedAt);
        Assert.False(AckRule.WasLate(result.Value));
        Assert.Equal(NotificationState.Acknowledged, AckRule.StateAt(result.Value, Created.AddHours(1)));
    }

    [Fact]
    public void Acknowledge_AfterEscalation_IsAcknowledgedAndLate()
    {
        var escalated = AckRule.Escalate(Conflict(), Created.AddSeconds(121));

        var result = AckRule.Acknowledge(escalated, "TR", Created.AddSeconds(200));

        Assert.True(result.Success);
        Assert.Equal(NotificationState.Acknowledged, result.Value.State);
        Assert.Equal(Created.AddSeconds(121), result.Value.EscalatedAt);
        Assert.True(AckRule.WasLate(result.Value));
    }

    [Fact]
    public void Acknowledge_Twice_KeepsFirstTime()
    {
        var first = AckRule.Acknowledge(Conflict(), "TR", Created.AddSeconds(10)).Value!;

        var second = AckRule.Acknowledge(first, "TR", Created.AddSeconds(50));

        Assert.True(second.Success);
        Assert.Same(first, second.Value);
    }

    [Fact]
    public void Acknowledge_ByOtherPartner_FailsNotRecipient()
    {
        var result = AckRule.Acknowledge(Conflict(), "RU", Created.AddSeconds(10));

        Assert.False(result.Success);
        Assert.Equal(DomainErrorCodes.NotRecipient, result.Error.Code);
    }

    [Fact]
    public void Acknowledge_BeforeCreation_FailsInvalidTime() =>
        Assert.Equal(DomainErrorCodes.InvalidTime, AckRule.Acknowledge(Conflict(), "TR", Created.AddSeconds(-1)).Error?.Code);

    [Fact]
    public void Escalate_BeforeDeadline_ReturnsInputUnchanged()
    {
        var n = Conflict();

        Assert.Same(n, AckRule.Escalate(n, Created.AddSeconds(60)));
    }

    [Fact]
    public void Escalate_AfterDeadline_RecordsTimeAndStopsNeedingEscalation()
    {
        var at = Created.AddSeconds(125);
        Assert.True(AckRule.NeedsEscalation(Conflict(), at));

        var escalated = AckRule.Escalate(Conflict(), at);

        Assert.Equal(NotificationState.Escalated, escalated.State);
        Assert.Equal(at, escalated.EscalatedAt);
        Assert.False(AckRule.NeedsEscalation(escalated, at.AddMinutes(5)));
    }

    [Fact]
    public void Advance_PastDeadline_StoresOverdue()
    {
        var n = Conflict();

        Assert.Same(n, AckRule.Advance(n, Created.AddSeconds(1)));
        Assert.Equal(NotificationState.Overdue, AckRule.Advance(n, Created.AddSeconds(120)).State);
    }

    [Fact]
    public void Validate_BothSubjects_Fails()
    {
        var n = Conflict() with { Item = new ItemRef(ItemKind.Zone, "TR", "zone-1") };

        Assert.Equal(DomainErrorCodes.InvalidNotificationSubject, NotificationValidator.Validate(n)?.Code);
    }

    [Fact]
    public void Validate_Defaults_Pass() => Assert.Null(NotificationValidator.Validate(Conflict()));

    [Fact]
    public void ForConflict_NonPositiveWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Notification.ForConflict("n", "TR", "c", Created, TimeSpan.Zero));
}
