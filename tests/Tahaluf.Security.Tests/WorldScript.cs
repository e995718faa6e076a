using Microsoft.Extensions.Time.Testing;
using Tahaluf.Hub;

namespace Tahaluf.Security.Tests;

/// <summary>How a world's declarations reach a hub (directly, or over HTTP).</summary>
internal interface IWorldDriver
{
    HubService Hub { get; }

    FakeTimeProvider Clock { get; }

    Task AddPartnersAsync(IReadOnlyList<PartnerSpec> partners);

    Task AgreeAsync(string owner, string recipient, string kind, Lvl level);

    Task PutAsync(ItemSpec item, int version);

    Task WithdrawAsync(ItemSpec item);

    Task ReportTrackAsync(ItemSpec track, TrackPos position);

    Task AckAsync(string partner, string notificationId);

    /// <summary>True when calls may be started together (their order is kept by the hub's queue).</summary>
    bool Concurrent { get; }
}

/// <summary>Plays a world into a hub: partners, agreements, declarations, tracks, new versions, withdrawals, acks, missed deadlines.</summary>
internal static class WorldScript
{
    /// <summary>Hub settings for the worlds: timers effectively off (the script drives them), tracks never stale.</summary>
    public static HubOptions Options { get; } = new()
    {
        DeadlineCheckInterval = TimeSpan.FromHours(6),
        TrackCycle = TimeSpan.FromHours(6),
        TrackStaleAfter = TimeSpan.FromHours(1),
    };

    public static async Task RunAsync(World world, IWorldDriver driver)
    {
        var rng = new Random(world.Seed ^ 0x5eed);
        await driver.AddPartnersAsync(world.Partners);
        await ManyAsync(driver, world.Agreements.OrderBy(a => a.Key.Owner, StringComparer.Ordinal).ThenBy(a => a.Key.Recipient, StringComparer.Ordinal).ThenBy(a => a.Key.Kind, StringComparer.Ordinal)
            .Select(a => (Func<Task>)(() => driver.AgreeAsync(a.Key.Owner, a.Key.Recipient, a.Key.Kind, a.Value))));

        var tracks = world.Items.Where(i => i.Kind == "track").ToList();
        foreach (var t in tracks)
        {
            await driver.ReportTrackAsync(t, t.Positions[0]);
        }

        await driver.Hub.PredictNowAsync();
        await ManyAsync(driver, world.Items.Where(i => i.Kind != "track").Select(i => (Func<Task>)(() => driver.PutAsync(i, 0))));

        foreach (var t in tracks)
        {
            await driver.ReportTrackAsync(t, t.Positions[1]);
        }

        await driver.Hub.PredictNowAsync();
        var later = new List<Func<Task>>();
        foreach (var item in world.Items.Where(i => i.Kind != "track"))
        {
            for (var v = 1; v < item.Versions.Count; v++)
            {
                var version = v;
                later.Add(() => driver.PutAsync(item, version));
            }

            if (item.Withdrawn)
            {
                later.Add(() => driver.WithdrawAsync(item));
            }
        }

        await ManyAsync(driver, later);

        await driver.Hub.PredictNowAsync();
        var acks = new List<Func<Task>>();
        foreach (var member in world.Members)
        {
            foreach (var n in driver.Hub.ListNotifications(member.Id, null, 1000).Where(n => n.Notification.ConflictId is not null))
            {
                if (rng.NextDouble() < world.AckShare)
                {
                    acks.Add(() => driver.AckAsync(member.Id, n.Notification.Id));
                }
            }
        }

        await ManyAsync(driver, acks);

        // Let the others miss their deadline: escalations reach the feed, the ledger and the other party.
        driver.Clock.Advance(driver.Hub.Options.AckWindow + TimeSpan.FromSeconds(2));
        await driver.Hub.CheckDeadlinesAsync();
        await driver.Hub.PredictNowAsync();
    }

    private static async Task ManyAsync(IWorldDriver driver, IEnumerable<Func<Task>> calls)
    {
        if (driver.Concurrent)
        {
            await Task.WhenAll(calls.Select(c => c()).ToList());
            return;
        }

        foreach (var c in calls)
        {
            await c();
        }
    }
}
