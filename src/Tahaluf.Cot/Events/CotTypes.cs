namespace Tahaluf.Cot.Events;

/// <summary>CoT type strings with a protocol meaning.</summary>
public static class CotTypes
{
    /// <summary>Ping from a client.</summary>
    public const string Ping = "t-x-c-t";

    /// <summary>Answer to a ping.</summary>
    public const string Pong = "t-x-c-t-r";

    /// <summary>Server announces the TAK protocol versions it supports.</summary>
    public const string ProtocolSupport = "t-x-takp-v";

    /// <summary>Client asks to switch to a TAK protocol version.</summary>
    public const string ProtocolRequest = "t-x-takp-q";

    /// <summary>Server answers the switch request.</summary>
    public const string ProtocolResponse = "t-x-takp-r";

    /// <summary>Free-form polygon or line.</summary>
    public const string Polygon = "u-d-f";

    /// <summary>Rectangle.</summary>
    public const string Rectangle = "u-d-r";

    /// <summary>Circle or ellipse.</summary>
    public const string Circle = "u-d-c-c";
}
