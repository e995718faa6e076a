namespace Tahaluf.Domain.Items;

/// <summary>The kinds of item a partner declares; agreements grant levels per kind. Persisted: values never change.</summary>
public enum ItemKind
{
    /// <summary>A declared air operation.</summary>
    Operation = 1,

    /// <summary>A hazard or restricted volume.</summary>
    Zone = 2,

    /// <summary>A live position report stream of one aircraft or ship.</summary>
    Track = 3,

    /// <summary>A free information message.</summary>
    Report = 4,
}
