namespace Tahaluf.Cot.Protocol;

/// <summary>The TAK protocol control message (<c>TakControl</c>, takcontrol.proto).</summary>
/// <param name="MinProtoVersion">Lowest protocol version the sender can decode (0 means 1).</param>
/// <param name="MaxProtoVersion">Highest protocol version the sender can decode (0 means 1).</param>
/// <param name="ContactUid">Sender's contact uid (mesh only), or null.</param>
public sealed record TakControl(uint MinProtoVersion, uint MaxProtoVersion, string? ContactUid = null);
