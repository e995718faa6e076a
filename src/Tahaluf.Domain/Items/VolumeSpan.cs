using System.Collections.Immutable;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Domain.Items;

/// <summary>The altitude band and time window covering a set of volumes.</summary>
/// <param name="AltitudeLowerM">Lowest lower altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="AltitudeUpperM">Highest upper altitude, metres above the WGS84 ellipsoid.</param>
/// <param name="TimeStart">Earliest start, inclusive, UTC.</param>
/// <param name="TimeEnd">Latest end, exclusive, UTC; null when any volume is open-ended.</param>
public readonly record struct VolumeSpan(double AltitudeLowerM, double AltitudeUpperM, DateTimeOffset TimeStart, DateTimeOffset? TimeEnd)
{
    /// <summary>The span of a single volume.</summary>
    /// <param name="volume">The volume.</param>
    /// <returns>Its band and window.</returns>
    public static VolumeSpan Of(Volume4D volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new(volume.AltitudeLowerM, volume.AltitudeUpperM, volume.TimeStart, volume.TimeEnd);
    }

    /// <summary>The span covering all <paramref name="volumes"/>.</summary>
    /// <param name="volumes">At least one volume.</param>
    /// <returns>The covering band and window.</returns>
    /// <exception cref="ArgumentException">No volumes (a valid operation or zone always has one).</exception>
    public static VolumeSpan Of(ImmutableArray<Volume4D> volumes)
    {
        if (volumes.IsDefaultOrEmpty)
        {
            throw new ArgumentException("At least one volume is required.", nameof(volumes));
        }

        var span = Of(volumes[0]);
        for (var i = 1; i < volumes.Length; i++)
        {
            var v = volumes[i];
            span = new VolumeSpan(
                Math.Min(span.AltitudeLowerM, v.AltitudeLowerM),
                Math.Max(span.AltitudeUpperM, v.AltitudeUpperM),
                v.TimeStart < span.TimeStart ? v.TimeStart : span.TimeStart,
                span.TimeEnd is { } a && v.TimeEnd is { } b ? (a > b ? a : b) : null);
        }

        return span;
    }
}
