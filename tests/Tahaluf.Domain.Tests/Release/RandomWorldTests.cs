using FsCheck.Fluent;
using Tahaluf.Domain.Items;
using Tahaluf.Domain.Release;

namespace Tahaluf.Domain.Tests.Release;

/// <summary>Checks that the random worlds exercise every level for every kind, so the properties are not vacuous.</summary>
public sealed class RandomWorldTests
{
    [Fact]
    public void Generator_200Worlds_CoverEveryKindAtEveryLevelInViewsAndConflicts()
    {
        var worlds = RandomWorld.Generator().Sample(200, 50);
        var viewCases = new HashSet<(ItemKind, ReleaseLevel)>();
        var noticeCases = new HashSet<(ItemKind, ReleaseLevel)>();
        foreach (var world in worlds)
        {
            foreach (var viewer in world.Partners)
            {
                foreach (var item in world.Items)
                {
                    viewCases.Add((item.Kind, ReleasePolicy.EffectiveLevel(viewer, item, world.Agreements)));
                }

                foreach (var conflict in world.Conflicts)
                {
                    if (conflict.OtherThan(viewer) is { } other)
                    {
                        var item = world.Items.Single(i => i.Ref == other.Item);
                        noticeCases.Add((item.Kind, ReleasePolicy.EffectiveLevel(viewer, item, world.Agreements)));
                    }
                }
            }
        }

        foreach (var kind in Enum.GetValues<ItemKind>())
        {
            foreach (var level in Enum.GetValues<ReleaseLevel>())
            {
                Assert.Contains((kind, level), viewCases);
                Assert.Contains((kind, level), noticeCases);
            }
        }
    }
}
