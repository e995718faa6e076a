using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Testing.Workloads;

/// <summary>One generated volume with its key and owning partner.</summary>
/// <param name="Key">Unique key within a workload (1, 2, 3, …).</param>
/// <param name="Owner">Owning partner, in [0, <see cref="VolumeWorkload.Partners"/>).</param>
/// <param name="Volume">The volume.</param>
public sealed record WorkloadVolume(long Key, int Owner, Volume4D Volume);
