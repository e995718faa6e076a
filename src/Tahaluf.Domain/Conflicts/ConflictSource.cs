namespace Tahaluf.Domain.Conflicts;

/// <summary>How a conflict was found. Persisted: values never change.</summary>
public enum ConflictSource
{
    /// <summary>Two declared volumes (operations, zones, report geometry) violate the separation minima.</summary>
    Declared = 1,

    /// <summary>A track's constant-velocity extrapolation meets another track or enters a zone within the look-ahead.</summary>
    Predicted = 2,
}
