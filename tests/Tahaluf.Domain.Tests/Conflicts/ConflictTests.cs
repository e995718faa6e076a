using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Conflicts;

public sealed class ConflictTests
{
    [Fact]
    public void PartyOfAndOtherThan_EachParty_ReturnOppositeSides()
    {
        var conflict = new ConflictBuilder().Build();

        Assert.Same(conflict.A, conflict.PartyOf("RU"));
        Assert.Same(conflict.B, conflict.OtherThan("RU"));
        Assert.Same(conflict.B, conflict.PartyOf("FR"));
        Assert.Same(conflict.A, conflict.OtherThan("FR"));
        Assert.True(conflict.Involves("FR"));
    }

    [Fact]
    public void PartyOf_Outsider_IsNull()
    {
        var conflict = new ConflictBuilder().Build();

        Assert.Null(conflict.PartyOf("US"));
        Assert.Null(conflict.OtherThan("US"));
        Assert.False(conflict.Involves("ru"));
    }

    [Fact]
    public void Close_Open_SetsTimeOnceOnly()
    {
        var opened = new ConflictBuilder().Build();
        var at = opened.OpenedAt.AddMinutes(3);

        var closed = opened.Close(at);

        Assert.True(opened.IsOpen);
        Assert.False(closed.IsOpen);
        Assert.Equal(at, closed.ClosedAt);
        Assert.Same(closed, closed.Close(at.AddMinutes(1)));
    }
}
