namespace Tahaluf.Domain.Items;

/// <summary>
/// The coarse activity of an operation. Deliberately coarse: Tahaluf never carries target data.
/// Persisted: values never change.
/// </summary>
public enum OperationCategory
{
    /// <summary>Flying from one place to another.</summary>
    Transit = 1,

    /// <summary>Combat or surveillance air patrol over an area.</summary>
    Patrol = 2,

    /// <summary>Air-to-ground support (no target information is ever recorded).</summary>
    AirToGroundSupport = 3,

    /// <summary>Reconnaissance or surveillance.</summary>
    Reconnaissance = 4,

    /// <summary>Air-to-air refuelling.</summary>
    Refuelling = 5,

    /// <summary>Training.</summary>
    Training = 6,

    /// <summary>Anything else.</summary>
    Other = 7,
}
