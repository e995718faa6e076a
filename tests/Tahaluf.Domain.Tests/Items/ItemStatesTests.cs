using Tahaluf.Domain.Items;
using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Tests.Items;

public sealed class ItemStatesTests
{
    [Theory]
    [InlineData(ItemState.Planned, true)]
    [InlineData(ItemState.Active, true)]
    [InlineData(ItemState.Ended, false)]
    [InlineData(ItemState.Cancelled, false)]
    public void IsLive_EachState_OnlyPlannedAndActive(ItemState state, bool live) =>
        Assert.Equal(live, state.IsLive());

    [Theory]
    [InlineData(null, ItemState.Planned, true)]
    [InlineData(null, ItemState.Active, true)]
    [InlineData(null, ItemState.Ended, false)]
    [InlineData(null, ItemState.Cancelled, false)]
    [InlineData(ItemState.Planned, ItemState.Planned, true)]
    [InlineData(ItemState.Planned, ItemState.Active, true)]
    [InlineData(ItemState.Planned, ItemState.Cancelled, true)]
    [InlineData(ItemState.Planned, ItemState.Ended, false)]
    [InlineData(ItemState.Active, ItemState.Active, true)]
    [InlineData(ItemState.Active, ItemState.Ended, true)]
    [InlineData(ItemState.Active, ItemState.Planned, false)]
    [InlineData(ItemState.Active, ItemState.Cancelled, false)]
    [InlineData(ItemState.Ended, ItemState.Active, false)]
    [InlineData(ItemState.Ended, ItemState.Planned, false)]
    [InlineData(ItemState.Ended, ItemState.Ended, true)]
    [InlineData(ItemState.Cancelled, ItemState.Active, false)]
    [InlineData(ItemState.Cancelled, ItemState.Cancelled, true)]
    public void CanTransition_Table_MatchesLifeCycle(ItemState? from, ItemState to, bool allowed)
    {
        Assert.Equal(allowed, ItemStates.CanTransition(from, to));
        var error = ItemStates.CheckTransition(from, to);
        Assert.Equal(allowed, error is null);
        if (!allowed)
        {
            Assert.Equal(DomainErrorCodes.InvalidStateTransition, error!.Code);
            Assert.Equal("state", error.Field);
        }
    }

    [Fact]
    public void CheckTransition_EndedToActive_NamesBothStates()
    {
        var error = ItemStates.CheckTransition(ItemState.Ended, ItemState.Active);

        Assert.NotNull(error);
        Assert.Contains("ended", error.Message, StringComparison.Ordinal);
        Assert.Contains("active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTransition_UndefinedTarget_IsUnknownValue() =>
        Assert.Equal(DomainErrorCodes.UnknownValue, ItemStates.CheckTransition(ItemState.Planned, (ItemState)9)?.Code);

    [Theory]
    [InlineData(ItemState.Planned, ItemState.Cancelled)]
    [InlineData(ItemState.Active, ItemState.Ended)]
    [InlineData(ItemState.Ended, ItemState.Ended)]
    [InlineData(ItemState.Cancelled, ItemState.Cancelled)]
    public void WithdrawnState_EachState_IsTerminalAndReachable(ItemState current, ItemState expected)
    {
        Assert.Equal(expected, ItemStates.WithdrawnState(current));
        Assert.True(ItemStates.CanTransition(current, expected));
    }
}
