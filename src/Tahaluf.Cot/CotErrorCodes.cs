namespace Tahaluf.Cot;

/// <summary>Stable error codes of the CoT codec and gateway; never renamed once published.</summary>
public static class CotErrorCodes
{
    /// <summary>The XML is not well-formed, or has a DTD or an entity the reader refuses.</summary>
    public const string MalformedXml = "cot.malformed_xml";

    /// <summary>A message is larger than the configured bound.</summary>
    public const string TooLarge = "cot.too_large";

    /// <summary>A required attribute or element is missing (the message names it).</summary>
    public const string MissingField = "cot.missing_field";

    /// <summary>An attribute has a value outside its syntax or range (the message names it).</summary>
    public const string InvalidField = "cot.invalid_field";

    /// <summary>A TAK protocol frame or protobuf message is truncated or malformed.</summary>
    public const string MalformedProtobuf = "cot.malformed_protobuf";

    /// <summary>The stream does not start a frame where one must start (bad magic byte, garbage).</summary>
    public const string BadFrame = "cot.bad_frame";

    /// <summary>The event is not a shape that can become a zone.</summary>
    public const string NotAShape = "cot.not_a_shape";
}
