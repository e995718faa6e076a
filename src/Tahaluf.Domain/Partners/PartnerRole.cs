namespace Tahaluf.Domain.Partners;

/// <summary>What a partner may do. Persisted: values never change.</summary>
public enum PartnerRole
{
    /// <summary>Declares its own items and reads what is released to it.</summary>
    Member = 1,

    /// <summary>Reads what is released to it and writes nothing (e.g. a civil aviation authority).</summary>
    Observer = 2,
}
