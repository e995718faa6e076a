using Tahaluf.Cot.Events;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cot.Tests.Events;

public class CotZonesTests
{
    [Fact]
    public void ToVolume_PolygonWithBand_DropsClosingVertexAndKeepsBand()
    {
        var volume = CotZones.ToVolume(CotSamples.Polygon());

        Assert.True(volume.Success, volume.Error?.ToString());
        Assert.Equal(3, ((PolygonFootprint)volume.Value.Footprint).Vertices.Length);
        Assert.Equal((0.0, 12000.0), (volume.Value.AltitudeLowerM, volume.Value.AltitudeUpperM));
        Assert.Equal(CotSamples.Time.AddHours(2), volume.Value.TimeEnd);
    }

    [Fact]
    public void ToVolume_CircleWithoutBand_IsWholeColumn()
    {
        var volume = CotZones.ToVolume(CotSamples.Circle());

        Assert.True(volume.Success, volume.Error?.ToString());
        var circle = Assert.IsType<CircleFootprint>(volume.Value.Footprint);
        Assert.Equal(400000, circle.RadiusM);
        Assert.Equal((CotZones.ColumnBottomM, CotZones.ColumnTopM), (volume.Value.AltitudeLowerM, volume.Value.AltitudeUpperM));
    }

    [Fact]
    public void ToVolume_TrackOrDegenerateShape_Fails()
    {
        Assert.Equal(CotErrorCodes.NotAShape, CotZones.ToVolume(CotSamples.Track()).Error!.Code);
        var two = CotSamples.Polygon() with { Detail = new CotDetail { Shape = new CotShape(CotShapeKind.Polygon, [new LatLng(1, 1), new LatLng(2, 2)]) } };
        Assert.Equal(CotErrorCodes.InvalidField, CotZones.ToVolume(two).Error!.Code);
    }
}
