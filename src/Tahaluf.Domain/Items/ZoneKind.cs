namespace Tahaluf.Domain.Items;

/// <summary>What a zone warns of. Persisted: values never change.</summary>
public enum ZoneKind
{
    /// <summary>The engagement envelope of a surface-to-air system (e.g. a ship's air-defence ring).</summary>
    AirDefenceEngagementZone = 1,

    /// <summary>Airspace where flight is restricted.</summary>
    RestrictedArea = 2,

    /// <summary>Airspace where activities dangerous to flight take place.</summary>
    DangerArea = 3,

    /// <summary>A band along a border inside which a state will warn or intercept.</summary>
    BorderWarningZone = 4,

    /// <summary>Anything else.</summary>
    Other = 5,
}
