using System.Text.Json;
using FsCheck.Xunit;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;
using Tahaluf.Domain.Views;

namespace Tahaluf.Domain.Tests.Release;

public sealed class ReleasePolicyPropertyTests
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Default;

    [Property(Arbitrary = [typeof(RandomWorld)], MaxTest = 200)]
    public void Project_RandomWorld_NeverHoldsMoreThanTheViewersLevel(RandomWorld world)
    {
        foreach (var viewer in world.Partners)
        {
            foreach (var item in world.Items)
            {
                var level = ReleasePolicy.EffectiveLevel(viewer, item, world.Agreements);
                Assert.Equal(ExpectedLevel(viewer, item, world), level);

                var view = ReleasePolicy.Project(item, viewer, world.Agreements);
                if (level < ReleaseLevel.Envelope)
                {
                    Assert.Null(view);
                    continue;
                }

                Assert.NotNull(view);
                Assert.Equal(level, view.Level);
                Assert.Equal(item.Id, view.Id);
                var text = JsonSerializer.Serialize<object>(view, Json);
                var n = IndexOf(item);
                foreach (var sentinel in DetailSentinels(n))
                {
                    if (level < ReleaseLevel.Full)
                    {
                        Assert.DoesNotContain(sentinel, text, StringComparison.Ordinal);
                    }
                }

                Assert.Equal(level == ReleaseLevel.Full, HasDetails(view));
                if (level == ReleaseLevel.Full && item is Operation)
                {
                    Assert.Contains(RandomWorld.DetailSentinel("CALLSIGN", n), text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Property(Arbitrary = [typeof(RandomWorld)], MaxTest = 200)]
    public void Project_OwnerOfAnyItem_GetsFullWithOwnLabel(RandomWorld world)
    {
        foreach (var item in world.Items)
        {
            var view = ReleasePolicy.Project(item, item.Owner, world.Agreements);
            Assert.NotNull(view);
            Assert.Equal(ReleaseLevel.Full, view.Level);
            Assert.True(HasDetails(view));
            Assert.Equal(item.Label, OwnLabel(view));
        }
    }

    [Property(Arbitrary = [typeof(RandomWorld)], MaxTest = 300)]
    public void ProjectConflict_RandomWorld_PartiesGetSafetyMinimumAndNoMore(RandomWorld world)
    {
        foreach (var conflict in world.Conflicts)
        {
            foreach (var viewer in world.Partners)
            {
                var other = conflict.OtherThan(viewer);
                var otherItem = other is null ? null : world.Items.Single(i => i.Ref == other.Item);
                var notice = ReleasePolicy.ProjectConflict(conflict, viewer, world.Agreements, otherItem);
                if (other is null)
                {
                    Assert.Null(notice);
                    continue;
                }

                Assert.NotNull(notice);
                Assert.Equal(other.Owner, notice.OtherParty);
                Assert.Same(conflict.Encounter, notice.Encounter);
                Assert.Equal(conflict.PartyOf(viewer)!.Item, notice.OwnItem);

                var level = ExpectedLevel(viewer, otherItem!, world);
                Assert.Equal(level < ReleaseLevel.Safety ? ReleaseLevel.Safety : level, notice.Level);
                Assert.Equal(level >= ReleaseLevel.Envelope, notice.OtherItem is not null);

                if (notice.OtherItem is { } otherView)
                {
                    Assert.Equal(level, otherView.Level);
                    Assert.Equal(level == ReleaseLevel.Full, HasDetails(otherView));
                }

                // OtherItem is typed as the abstract ItemView, so serialize it by its runtime type as well.
                var text = JsonSerializer.Serialize(notice, Json) + JsonSerializer.Serialize<object?>(notice.OtherItem, Json);
                var n = IndexOf(otherItem!);
                if (level < ReleaseLevel.Envelope)
                {
                    Assert.DoesNotContain(RandomWorld.IdSentinel(n), text, StringComparison.Ordinal);
                }

                if (level < ReleaseLevel.Full)
                {
                    foreach (var sentinel in DetailSentinels(n))
                    {
                        Assert.DoesNotContain(sentinel, text, StringComparison.Ordinal);
                    }
                }
            }
        }
    }

    /// <summary>The rule as ARCHITECTURE.md states it, written independently of the policy's code.</summary>
    private static ReleaseLevel ExpectedLevel(string viewer, Item item, RandomWorld world)
    {
        if (viewer == item.Owner)
        {
            return ReleaseLevel.Full;
        }

        var granted = world.Agreements.All
            .Where(a => a.Owner == item.Owner && a.Recipient == viewer && a.Kind == item.Kind)
            .Select(a => a.Level)
            .DefaultIfEmpty(ReleaseLevel.None)
            .Single();
        var listed = item.Label.ReleasableTo is not { } list || list.Contains(viewer);
        return !listed && granted > ReleaseLevel.Safety ? ReleaseLevel.Safety : granted;
    }

    private static int IndexOf(Item item) => int.Parse(item.Id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> DetailSentinels(int n) =>
        new[] { "CAVEAT", "CALLSIGN", "REMARKS", "NAME", "ANCHOR", "TEXT" }.Select(w => RandomWorld.DetailSentinel(w, n));

    private static bool HasDetails(ItemView view) => view switch
    {
        OperationView v => v.Details is not null,
        ZoneView v => v.Details is not null,
        ReportView v => v.Details is not null,
        TrackView v => v.Details is not null,
        _ => throw new ArgumentException("Unknown view.", nameof(view)),
    };

    private static Label? OwnLabel(ItemView view) => view switch
    {
        OperationView v => v.Details?.OwnLabel,
        ZoneView v => v.Details?.OwnLabel,
        ReportView v => v.Details?.OwnLabel,
        TrackView v => v.Details?.OwnLabel,
        _ => throw new ArgumentException("Unknown view.", nameof(view)),
    };
}
