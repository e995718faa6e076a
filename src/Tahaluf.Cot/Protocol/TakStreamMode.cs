namespace Tahaluf.Cot.Protocol;

/// <summary>What a TAK stream carries.</summary>
public enum TakStreamMode
{
    /// <summary>CoT XML events, one after another (the start of every connection).</summary>
    Xml = 0,

    /// <summary>TAK protocol v1 stream frames (after a successful version negotiation).</summary>
    Protobuf = 1,
}
