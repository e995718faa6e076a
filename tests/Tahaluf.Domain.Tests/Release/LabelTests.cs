using Tahaluf.Domain.Release;
using Tahaluf.Testing.Domain;

namespace Tahaluf.Domain.Tests.Release;

public sealed class LabelTests
{
    [Fact]
    public void Admits_NoList_AdmitsAnyone() => Assert.True(Label.Unrestricted.Admits("TR"));

    [Fact]
    public void Admits_List_AdmitsOnlyListedOrdinally()
    {
        var label = new LabelBuilder().ReleasableTo("US", "FR").Build();

        Assert.True(label.Admits("FR"));
        Assert.False(label.Admits("TR"));
        Assert.False(label.Admits("fr"));
    }

    [Fact]
    public void Admits_EmptyList_AdmitsNobody() => Assert.False(new LabelBuilder().ReleasableTo().Build().Admits("US"));

    [Fact]
    public void Equals_SameContentDifferentArrays_AreEqual()
    {
        var a = new LabelBuilder().ReleasableTo("US").WithCaveat("x").Build();
        var b = new LabelBuilder().ReleasableTo("US").WithCaveat("x").Build();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new LabelBuilder().WithCaveat("x").Build());
        Assert.NotEqual(new LabelBuilder().ReleasableTo().Build(), Label.Unrestricted);
    }
}
