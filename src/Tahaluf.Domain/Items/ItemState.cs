namespace Tahaluf.Domain.Items;

/// <summary>
/// The life cycle of operations and zones: planned → active → ended, or planned → cancelled.
/// Only planned and active items can conflict (<see cref="ItemStates.IsLive"/>). Persisted: values never change.
/// </summary>
public enum ItemState
{
    /// <summary>Declared for the future (or not yet started).</summary>
    Planned = 1,

    /// <summary>Under way.</summary>
    Active = 2,

    /// <summary>Finished after being active; terminal.</summary>
    Ended = 3,

    /// <summary>Withdrawn before it became active; terminal.</summary>
    Cancelled = 4,
}
