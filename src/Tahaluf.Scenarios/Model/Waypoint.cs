namespace Tahaluf.Scenarios.Model;

/// <summary>A timed position of a track script. Altitude in metres (<see cref="AltM"/>) or feet (<see cref="AltFt"/>), W84.</summary>
public sealed record Waypoint
{
    /// <summary>Time, UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Latitude, degrees.</summary>
    public double Lat { get; init; }

    /// <summary>Longitude, degrees.</summary>
    public double Lng { get; init; }

    /// <summary>Altitude, metres, or null.</summary>
    public double? AltM { get; init; }

    /// <summary>Altitude, feet, or null (used when <see cref="AltM"/> is null).</summary>
    public double? AltFt { get; init; }

    /// <summary>Altitude in metres: <see cref="AltM"/>, else <see cref="AltFt"/> × 0.3048, else 0.</summary>
    public double AltitudeM => AltM ?? (AltFt * 0.3048) ?? 0;
}
