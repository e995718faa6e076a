namespace Tahaluf.Cot.Events;

/// <summary>
/// A Cursor-on-Target event (CoT 2.0 <c>&lt;event&gt;</c>): who (uid), what (type), how it was produced, when
/// (time, start, stale — UTC), where (point) and the detail. Immutable and thread-safe.
/// </summary>
/// <param name="Uid">Globally unique id of the thing described, non-empty.</param>
/// <param name="Type">CoT type, e.g. <c>a-f-A-M-F</c> (a track) or <c>u-d-f</c> (a drawn shape).</param>
/// <param name="How">How the data was produced, e.g. <c>m-g</c> (GPS) or <c>h-e</c> (entered by hand).</param>
/// <param name="Time">When the event was generated, UTC.</param>
/// <param name="Start">Start of validity, UTC.</param>
/// <param name="Stale">End of validity, UTC.</param>
/// <param name="Point">Position.</param>
/// <param name="Detail">Detail.</param>
public sealed record CotEvent(
    string Uid,
    string Type,
    string How,
    DateTimeOffset Time,
    DateTimeOffset Start,
    DateTimeOffset Stale,
    CotPoint Point,
    CotDetail Detail)
{
    /// <summary>True for atom events (<c>a-*</c>): things that move, which become track reports.</summary>
    public bool IsAtom => Type.StartsWith("a-", StringComparison.Ordinal);
}
