using Tahaluf.Geometry.Formats;

namespace Tahaluf.Geometry.Tests.Formats;

public sealed class FieldPathTests
{
    [Fact]
    public void Members_JoinInOrder_PastTheSegmentsKeptApart()
    {
        var path = new FieldPath("operation");
        Assert.Equal("operation", path.ToString());
        Assert.Equal("operation.volume", path.Then(".volume").ToString());
        Assert.Equal(
            "operation.volume.outline_circle.radius.units.a.b",
            path.Then(".volume").Then(".outline_circle").Then(".radius").Then(".units").Then(".a").Then(".b").ToString());
    }

    [Fact]
    public void Indexes_GoWhereTheyAreTaken()
    {
        Assert.Equal("vertices[3].lat", new FieldPath("vertices").Index(3).Then(".lat").ToString());
        Assert.Equal("polygon.vertices[0]", new FieldPath("polygon").Then(".vertices").Index(0).ToString());
        Assert.Equal("a[1][2].b", new FieldPath("a").Index(1).Index(2).Then(".b").ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FieldPath("a").Index(-1));
    }

    [Fact]
    public void AParentPath_IsNotChangedByItsChildren()
    {
        var parent = new FieldPath("v").Then(".x");
        var child = parent.Then(".y");
        Assert.Equal("v.x", parent.ToString());
        Assert.Equal("v.x.y", child.ToString());
        Assert.Equal("v.x.z", parent.Then(".z").ToString());
    }
}
