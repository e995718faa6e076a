namespace Tahaluf.Geometry.Tests.Oracle;

/// <summary>PostGIS's judgement of one <see cref="OracleCase"/>: every part of the decision is computed in SQL.</summary>
/// <param name="DistanceM">ST_Distance on the spheroid between the footprints (circles: centre distance minus radius), 0 when they overlap.</param>
/// <param name="HorizontalWithin">ST_DWithin on the spheroid at the horizontal minimum.</param>
/// <param name="TimeOverlaps">The windows overlap once one is widened by the time minimum.</param>
/// <param name="AltitudeOverlaps">The bands overlap once one is widened by the vertical minimum.</param>
public readonly record struct OracleVerdict(double DistanceM, bool HorizontalWithin, bool TimeOverlaps, bool AltitudeOverlaps)
{
    public bool Conflicts => TimeOverlaps && AltitudeOverlaps && HorizontalWithin;
}
