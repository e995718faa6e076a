using Tahaluf.Domain.Items;

namespace Tahaluf.Hub.State;

/// <summary>Filters for listing items. All set filters must hold.</summary>
/// <param name="Bbox">Longitude/latitude box (west, south, east, north) in degrees that some volume's box must touch, or null.</param>
/// <param name="From">Only items whose time span ends after this instant, or null.</param>
/// <param name="To">Only items whose time span starts before this instant, or null.</param>
/// <param name="Owner">Only this owner's items, or null.</param>
/// <param name="State">Only items in this state, or null.</param>
/// <param name="After">Cursor: only ids ordinally greater than this, or null.</param>
/// <param name="Limit">Page size, 1 to 1,000.</param>
public sealed record ItemFilter(
    (double West, double South, double East, double North)? Bbox = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Owner = null,
    ItemState? State = null,
    string? After = null,
    int Limit = 100);
