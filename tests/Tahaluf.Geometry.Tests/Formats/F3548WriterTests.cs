using System.Text;
using System.Text.Json;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Volumes;
using Tahaluf.Testing;

namespace Tahaluf.Geometry.Tests.Formats;

public class F3548WriterTests
{
    private static string Write(Volume4D volume)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            F3548Writer.WriteVolume4D(writer, volume);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void WriteVolume4D_Polygon_RoundTripsThroughReader()
    {
        var volume = VolumeBuilder.Create()
            .WithPolygon((46.97491999984008, 7.477423822749622), (46.97538499982026, 7.477423821039847), (46.9754, 7.4785))
            .WithWindow(new DateTimeOffset(2023, 2, 12, 10, 27, 14, TimeSpan.Zero).AddTicks(4834251), TimeSpan.FromMinutes(25))
            .WithAltitudes(605.125, 635)
            .Build();

        var read = F3548Reader.ReadVolume4D(Write(volume));

        Assert.True(read.Success, read.Error?.ToString());
        Assert.Equal(volume, read.Value);
    }

    [Fact]
    public void WriteVolume4D_OpenEndedCircle_RoundTripsAndOmitsTimeEnd()
    {
        var volume = VolumeBuilder.Create().WithCircle(35.4117, 35.945, 400_000).OpenEnded().Build();

        var json = Write(volume);
        var read = F3548Reader.ReadVolume4D(json, allowOpenEnd: true);

        Assert.DoesNotContain("time_end", json, StringComparison.Ordinal);
        Assert.True(read.Success, read.Error?.ToString());
        Assert.Equal(volume, read.Value);
    }

    [Fact]
    public void WriteVolume4D_WritesW84MetresAndRfc3339()
    {
        var json = Write(VolumeBuilder.Create().Build());

        using var document = JsonDocument.Parse(json);
        var lower = document.RootElement.GetProperty("volume").GetProperty("altitude_lower");
        Assert.Equal("W84", lower.GetProperty("reference").GetString());
        Assert.Equal("M", lower.GetProperty("units").GetString());
        Assert.Equal("2015-11-26T10:00:00Z", document.RootElement.GetProperty("time_start").GetProperty("value").GetString());
        Assert.Equal("RFC3339", document.RootElement.GetProperty("time_start").GetProperty("format").GetString());
    }
}
