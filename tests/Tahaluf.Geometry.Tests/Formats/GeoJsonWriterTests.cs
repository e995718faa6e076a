using System.Text;
using System.Text.Json;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Formats;

public class GeoJsonWriterTests
{
    private static string Write(Volume4D volume, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GeoJsonWriter.WriteFeature(writer, volume, extra);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void WriteFeature_Polygon_RoundTripsAndClosesRing()
    {
        var volume = VolumeBuilder.Create().WithPolygon((-17, 179.5), (-17, -179.5), (-16, -179.5), (-16, 179.5)).Build();

        var json = Write(volume);
        using var document = JsonDocument.Parse(json);
        var ring = document.RootElement.GetProperty("geometry").GetProperty("coordinates")[0];

        Assert.Equal(5, ring.GetArrayLength());
        Assert.Equal(179.5, ring[0][0].GetDouble());
        Assert.Equal(-17, ring[0][1].GetDouble());
        var read = GeoJsonReader.ReadFeature(json);
        Assert.True(read.Success, read.Error?.ToString());
        Assert.Equal(volume, read.Value);
    }

    [Fact]
    public void WriteFeature_OpenEndedCircleWithExtraProperty_RoundTrips()
    {
        var volume = VolumeBuilder.Create().WithCircle(35.4117, 35.945, 400_000).OpenEnded().Build();

        var json = Write(volume, w => w.WriteString("name", "S-400"));
        var read = GeoJsonReader.ReadFeature(json, allowOpenEnd: true);

        Assert.Contains("\"name\":\"S-400\"", json, StringComparison.Ordinal);
        Assert.True(read.Success, read.Error?.ToString());
        Assert.Equal(volume, read.Value);
    }
}
