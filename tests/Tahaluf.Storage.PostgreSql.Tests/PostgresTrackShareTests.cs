using Tahaluf.Hub.Storage;

namespace Tahaluf.Storage.PostgreSql.Tests;

/// <summary>Track points shared between two store objects (instances) on one schema.</summary>
public sealed class PostgresTrackShareTests : TwoStoresOnOneSchema
{
    private static readonly DateTimeOffset T0 = new(2015, 11, 24, 6, 0, 0, TimeSpan.Zero);

    private static TrackPointRecord Point(string id, int second, string? meta) =>
        new(id, "RU", T0.AddSeconds(second), 35.8 + (second * 0.001), 36.0, 5800, 180, 220, -1.5, meta);

    [Fact]
    public async Task ReadOther_SeesTheOtherInstancesPointsInOrderWithTheirMeta_NotItsOwn()
    {
        var start = await Second.LastTrackPointPositionAsync(CancellationToken.None);
        await First.AppendTrackPointsAsync([Point("a", 0, "{\"m\":0}"), Point("a", 1, null), Point("b", 0, "{\"m\":2}")], CancellationToken.None);
        await Second.AppendTrackPointsAsync([Point("c", 0, "{\"own\":true}")], CancellationToken.None);

        var read = await Second.ReadOtherTrackPointsAsync(start, 100, CancellationToken.None);
        Assert.Equal(["a", "a", "b"], read.Select(r => r.Point.TrackId));
        Assert.Equal(["{\"m\":0}", null, "{\"m\":2}"], read.Select(r => r.Point.MetaJson));
        Assert.Equal(Point("a", 1, null), read[1].Point);
        Assert.True(read[0].Position < read[1].Position && read[1].Position < read[2].Position);
        Assert.Equal(["c"], (await First.ReadOtherTrackPointsAsync(start, 100, CancellationToken.None)).Select(r => r.Point.TrackId));

        // Paging: after a position, up to a limit; the last position is the highest assigned.
        Assert.Equal(["b"], (await Second.ReadOtherTrackPointsAsync(read[1].Position, 1, CancellationToken.None)).Select(r => r.Point.TrackId));
        Assert.Equal(["a"], (await Second.ReadOtherTrackPointsAsync(start, 1, CancellationToken.None)).Select(r => r.Point.TrackId));
        Assert.True(await First.LastTrackPointPositionAsync(CancellationToken.None) > read[2].Position);
    }
}
