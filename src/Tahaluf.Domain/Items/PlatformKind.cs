namespace Tahaluf.Domain.Items;

/// <summary>The kind of platform a track follows. Persisted: values never change.</summary>
public enum PlatformKind
{
    /// <summary>Not known.</summary>
    Unknown = 1,

    /// <summary>A crewed fixed-wing aircraft.</summary>
    FixedWing = 2,

    /// <summary>A crewed helicopter.</summary>
    RotaryWing = 3,

    /// <summary>An uncrewed aircraft.</summary>
    Unmanned = 4,

    /// <summary>A surface vessel.</summary>
    Ship = 5,

    /// <summary>A ground vehicle or site.</summary>
    Ground = 6,
}
