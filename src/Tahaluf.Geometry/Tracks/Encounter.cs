namespace Tahaluf.Geometry.Tracks;

/// <summary>
/// The predicted encounter of two tracks within a look-ahead. Times are seconds after the prediction instant.
/// <see cref="ClosestApproachS"/> is the time of minimum horizontal distance clipped to [0, look-ahead] (0 when
/// the tracks have no relative horizontal motion); the miss distance and vertical separation are taken there.
/// When <see cref="Conflicts"/>, [<see cref="WindowStartS"/>, <see cref="WindowEndS"/>] (closed) is the part of
/// [0, look-ahead] where the horizontal and the vertical minima are both violated; otherwise both are 0.
/// </summary>
/// <param name="Conflicts">True when both minima are violated at some common instant within the look-ahead.</param>
/// <param name="ClosestApproachS">Time of closest horizontal approach in [0, look-ahead], seconds.</param>
/// <param name="HorizontalMissM">Horizontal distance at that time, metres.</param>
/// <param name="VerticalSeparationM">Absolute altitude difference at that time, metres.</param>
/// <param name="WindowStartS">Start of the encounter window, seconds (0 without conflict).</param>
/// <param name="WindowEndS">End of the encounter window, seconds (0 without conflict).</param>
public readonly record struct Encounter(
    bool Conflicts,
    double ClosestApproachS,
    double HorizontalMissM,
    double VerticalSeparationM,
    double WindowStartS,
    double WindowEndS);
