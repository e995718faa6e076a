using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Tahaluf.Server.Tests.Webhooks;

/// <summary>
/// Two instances of one hub on PostgreSQL: only the engine leader delivers, registrations made through either
/// are followed, and a new leader resumes from the shared durable cursor. Always on PostgreSQL (<c>TAHALUF_TEST_PG</c>).
/// </summary>
public sealed class WebhookMultiInstanceTests : IAsyncLifetime
{
    private WebhookTestHub _hub = null!;
    private HubServer _second = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _hub = await WebhookTestHub.StartAsync(postgres: true);
        _second = await _hub.StartInstanceAsync();
        _receiver = await WebhookReceiver.StartAsync();
        await _hub.AddPartnersAsync("RU", "FR");
        await _hub.AgreeAsync("RU", "FR", "operation", "envelope");
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _second.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    private static string[] ItemIds(IEnumerable<WebhookReceiver.Received> received) =>
        [.. received.Select(r =>
        {
            using var doc = JsonDocument.Parse(r.Body);
            return doc.RootElement.GetProperty("notification").GetProperty("item").GetProperty("id").GetString()!;
        })];

    [Fact]
    public async Task Delivery_TwoInstances_LeaderDeliversOnceAndAFollowerTakesOver()
    {
        await WaitForAsync(() => _hub.Server.Hub.IsLeader || _second.Hub.IsLeader, "a leader");
        var (leader, follower) = _hub.Server.Hub.IsLeader ? (_hub.Server, _second) : (_second, _hub.Server);
        await WaitForAsync(() => follower.Hub.Snapshot.Partners.ContainsKey("FR"), "the partners on the follower");
        using var frOnFollower = _hub.ClientOf(follower, "FR");
        using var ruOnFollower = _hub.ClientOf(follower, "RU");

        Assert.Equal(HttpStatusCode.Created, (await frOnFollower.PutAsync("/api/v1/me/webhook", TestHub.Json(JsonSerializer.Serialize(new { url = _receiver.Url })))).StatusCode);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await ruOnFollower.PutAsync($"/api/v1/operations/op-{i:D2}", TestHub.Json(TestHub.Operation(TestHub.Square(34, 38, sideKm: 2))))).StatusCode);
        }

        await _receiver.WaitForAsync(3);
        await Task.Delay(500);
        Assert.Equal(["op-01", "op-02", "op-03"], ItemIds(_receiver.Accepted));

        await leader.DisposeAsync();
        await WaitForAsync(() => follower.Hub.IsLeader, "the follower to take the lead");
        for (var i = 4; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await ruOnFollower.PutAsync($"/api/v1/operations/op-{i:D2}", TestHub.Json(TestHub.Operation(TestHub.Square(34, 38, sideKm: 2))))).StatusCode);
        }

        await _receiver.WaitForAsync(5);
        await Task.Delay(500);
        Assert.Equal(["op-01", "op-02", "op-03", "op-04", "op-05"], ItemIds(_receiver.Accepted));
    }
}
