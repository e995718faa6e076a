using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Tahaluf.Domain;
using Tahaluf.Domain.Agreements;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Partners;
using Tahaluf.Domain.Release;
using Tahaluf.Hub;
using Tahaluf.Hub.Tracks;
using Tahaluf.Hub.Webhooks;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Security.Tests;

/// <summary>Plays a world straight into a <see cref="HubService"/> over an in-memory store.</summary>
internal sealed class HubDriver : IWorldDriver, IAsyncDisposable
{
    // Never signs anything here (the dispatcher's loops are not started), so one fixed key serves every world.
    private static readonly NoteSigner WebhookSigner = NoteSigner.FromSeed("security.test", new byte[32]);

    private HubDriver(HubService hub, InMemoryHubStore store, FakeTimeProvider clock)
    {
        Hub = hub;
        Store = store;
        Clock = clock;
        Webhooks = new WebhookDispatcher(hub, store, WebhookSigner, new WebhookOptions(), TimeProvider.System);
    }

    public HubService Hub { get; }

    public InMemoryHubStore Store { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>A dispatcher over the same hub and store, never started: only its projection of delivery bodies is used.</summary>
    public WebhookDispatcher Webhooks { get; }

    public bool Concurrent => true;

    public static async Task<HubDriver> StartAsync()
    {
        var store = new InMemoryHubStore();
        var clock = new FakeTimeProvider(World.Start);
        var hub = await HubService.StartAsync(store, WorldScript.Options, clock, null, CancellationToken.None);
        return new HubDriver(hub, store, clock);
    }

    public async Task AddPartnersAsync(IReadOnlyList<PartnerSpec> partners)
    {
        var results = await Task.WhenAll(partners.Select(p =>
            Hub.AddPartnerAsync(new Partner(p.Id, ImmutableDictionary<string, string>.Empty.Add("en", p.Id), p.Observer ? PartnerRole.Observer : PartnerRole.Member, []), "token-" + p.Id)));
        Assert.All(results, r => Assert.True(r.Success, r.Error?.Message));
    }

    public async Task AgreeAsync(string owner, string recipient, string kind, Lvl level)
    {
        Assert.True(WireNames.TryParse<ItemKind>(kind, out var k));
        var result = await Hub.SetAgreementAsync(new Agreement(owner, recipient, k, (ReleaseLevel)(int)level));
        Assert.True(result.Success, result.Error?.Message);
    }

    public async Task PutAsync(ItemSpec item, int version)
    {
        Assert.True(WireNames.TryParse<ItemKind>(item.Kind, out var k));
        using var body = JsonDocument.Parse(item.Versions[version].Json!);
        var result = await Hub.PutItemAsync(item.Owner, k, item.Id, body.RootElement, null, []);
        Assert.True(result.Success, $"{item} v{version + 1}: {result.Error?.Message} {item.Versions[version].Json}");
    }

    public async Task WithdrawAsync(ItemSpec item)
    {
        Assert.True(WireNames.TryParse<ItemKind>(item.Kind, out var k));
        var result = await Hub.WithdrawItemAsync(item.Owner, k, item.Id, null);
        Assert.True(result.Success, result.Error?.Message);
    }

    public Task ReportTrackAsync(ItemSpec track, TrackPos p)
    {
        var l = track.Versions[0].Label;
        var label = new Label(l.ReleasableTo is null ? null : [.. l.ReleasableTo], l.Civil, l.Caveat);
        var result = Hub.ReportTracks(track.Owner, [new TrackReport(track.Id, p.Time, p.Lat, p.Lng, p.AltitudeM, p.CourseDeg, p.SpeedMps, 0, track.Callsign, PlatformKind.FixedWing, label)]);
        Assert.True(result.Success && result.Value!.Accepted == 1, $"track {track.Id} refused");
        return Task.CompletedTask;
    }

    public async Task AckAsync(string partner, string notificationId)
    {
        var result = await Hub.AcknowledgeAsync(partner, notificationId, []);
        Assert.True(result.Success, result.Error?.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
