using Tahaluf.Domain.Validation;

namespace Tahaluf.Domain.Items;

/// <summary>The item life cycle rules: which states conflict and which changes are allowed. Pure and thread-safe.</summary>
public static class ItemStates
{
    /// <summary>True for planned and active items, the only ones that can conflict or appear on the civil feed.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Whether the item is live.</returns>
    public static bool IsLive(this ItemState state) => state is ItemState.Planned or ItemState.Active;

    /// <summary>True for ended and cancelled: no further change is allowed.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Whether the state is terminal.</returns>
    public static bool IsTerminal(this ItemState state) => state is ItemState.Ended or ItemState.Cancelled;

    /// <summary>
    /// Whether an item may go from <paramref name="from"/> (null for a new item) to <paramref name="to"/>.
    /// New items start planned or active. Staying in the same state is always allowed (idempotent retries).
    /// Planned may become active or cancelled; active may become ended; ended and cancelled are terminal.
    /// </summary>
    /// <param name="from">The current state, or null when the item does not exist yet.</param>
    /// <param name="to">The requested state.</param>
    /// <returns>True when allowed.</returns>
    public static bool CanTransition(ItemState? from, ItemState to) => (from, to) switch
    {
        (null, ItemState.Planned or ItemState.Active) => true,
        (null, _) => false,
        ({ } f, var t) when f == t => true,
        (ItemState.Planned, ItemState.Active or ItemState.Cancelled) => true,
        (ItemState.Active, ItemState.Ended) => true,
        _ => false,
    };

    /// <summary>Like <see cref="CanTransition"/>, as an error value naming field <c>state</c>.</summary>
    /// <param name="from">The current state, or null when the item does not exist yet.</param>
    /// <param name="to">The requested state.</param>
    /// <returns>Null when allowed, else <see cref="DomainErrorCodes.InvalidStateTransition"/>.</returns>
    public static DomainError? CheckTransition(ItemState? from, ItemState to)
    {
        if (!Enum.IsDefined(to))
        {
            return new DomainError(DomainErrorCodes.UnknownValue, "state", "state is not a known item state.");
        }

        if (CanTransition(from, to))
        {
            return null;
        }

        var fromText = from is { } f ? WireNames.Of(f) : "(new)";
        return new DomainError(
            DomainErrorCodes.InvalidStateTransition,
            "state",
            $"state cannot change from {fromText} to {WireNames.Of(to)}.");
    }

    /// <summary>
    /// The state a withdrawal (HTTP DELETE) leads to: planned → cancelled, active → ended; terminal states stay.
    /// </summary>
    /// <param name="current">The current state.</param>
    /// <returns>The terminal state.</returns>
    public static ItemState WithdrawnState(ItemState current) => current switch
    {
        ItemState.Planned => ItemState.Cancelled,
        ItemState.Active => ItemState.Ended,
        _ => current,
    };
}
