namespace Tahaluf.Domain.Release;

/// <summary>
/// How much of an item a viewer may learn, lowest first; compare with <c>&lt;</c> and <c>&gt;</c>.
/// Persisted: the numeric values and wire names (<see cref="WireNames"/>) never change.
/// </summary>
public enum ReleaseLevel
{
    /// <summary>Nothing: the item does not exist for the viewer.</summary>
    None = 0,

    /// <summary>Only through conflict notifications that involve the item (the safety minimum).</summary>
    Safety = 1,

    /// <summary>Geometry, altitude band, time window, state, kind and owner.</summary>
    Envelope = 2,

    /// <summary>Everything, including callsigns, aircraft count, category, remarks, report text and caveat.</summary>
    Full = 3,
}
