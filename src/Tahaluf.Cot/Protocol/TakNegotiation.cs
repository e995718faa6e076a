using Tahaluf.Cot.Events;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Protocol;

/// <summary>
/// The TAK protocol version negotiation on a stream, and the ping answer. The server announces the versions it
/// supports with a <c>t-x-takp-v</c> event (<c>&lt;TakControl&gt;&lt;TakProtocolSupport version="1"/&gt;</c>);
/// a client asks for a version with <c>t-x-takp-q</c> (<c>&lt;TakRequest version="1"/&gt;</c>); the server
/// answers <c>t-x-takp-r</c> (<c>&lt;TakResponse status="true|false"/&gt;</c>) in XML, and after a true
/// answer both sides speak protocol v1 frames. Thread-safe (stateless).
/// </summary>
public static class TakNegotiation
{
    /// <summary>The only TAK protocol version this library speaks besides XML.</summary>
    public const int Version = 1;

    /// <summary>The server's announcement of supported versions.</summary>
    /// <param name="now">Current time, UTC.</param>
    /// <param name="serverUid">Uid of the announcing server.</param>
    /// <returns>A <c>t-x-takp-v</c> event.</returns>
    public static CotEvent SupportAnnouncement(DateTimeOffset now, string serverUid) =>
        Control(CotTypes.ProtocolSupport, serverUid, now, "<TakControl><TakProtocolSupport version=\"1\"/></TakControl>");

    /// <summary>A client's request to switch to a version.</summary>
    /// <param name="now">Current time, UTC.</param>
    /// <param name="clientUid">Uid of the requesting client.</param>
    /// <param name="version">Requested version.</param>
    /// <returns>A <c>t-x-takp-q</c> event.</returns>
    public static CotEvent Request(DateTimeOffset now, string clientUid, int version = Version) =>
        Control(CotTypes.ProtocolRequest, clientUid, now, "<TakControl><TakRequest version=\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"/></TakControl>");

    /// <summary>The server's answer to a request.</summary>
    /// <param name="now">Current time, UTC.</param>
    /// <param name="serverUid">Uid of the server.</param>
    /// <param name="accepted">Whether the switch happens.</param>
    /// <returns>A <c>t-x-takp-r</c> event.</returns>
    public static CotEvent Response(DateTimeOffset now, string serverUid, bool accepted) =>
        Control(CotTypes.ProtocolResponse, serverUid, now, "<TakControl><TakResponse status=\"" + (accepted ? "true" : "false") + "\"/></TakControl>");

    /// <summary>The version a <c>t-x-takp-q</c> event asks for, or null when it names none.</summary>
    /// <param name="request">The event.</param>
    /// <returns>The version, or null.</returns>
    public static int? RequestedVersion(CotEvent request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = CotXmlReader.FindAttribute(request.Detail.OtherXml, "TakRequest", "version");
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>Whether a <c>t-x-takp-r</c> event accepts the switch.</summary>
    /// <param name="response">The event.</param>
    /// <returns>True when the status is true.</returns>
    public static bool IsAccepted(CotEvent response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return CotXmlReader.FindAttribute(response.Detail.OtherXml, "TakResponse", "status") == "true";
    }

    /// <summary>The answer to a <c>t-x-c-t</c> ping: a <c>t-x-c-t-r</c> event with the ping's uid.</summary>
    /// <param name="ping">The ping.</param>
    /// <param name="now">Current time, UTC.</param>
    /// <returns>The answer.</returns>
    public static CotEvent Pong(CotEvent ping, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ping);
        return new CotEvent(ping.Uid, CotTypes.Pong, "m-g", now, now, now.AddSeconds(20), new CotPoint(0, 0, 0, CotPoint.Unknown, CotPoint.Unknown), CotDetail.Empty);
    }

    /// <summary>A ping.</summary>
    /// <param name="now">Current time, UTC.</param>
    /// <param name="uid">Uid of the pinging client.</param>
    /// <returns>A <c>t-x-c-t</c> event.</returns>
    public static CotEvent Ping(DateTimeOffset now, string uid) =>
        new(uid, CotTypes.Ping, "m-g", now, now, now.AddSeconds(20), new CotPoint(0, 0, 0, CotPoint.Unknown, CotPoint.Unknown), CotDetail.Empty);

    private static CotEvent Control(string type, string uid, DateTimeOffset now, string xml) =>
        new(uid, type, "m-g", now, now, now.AddMinutes(1), new CotPoint(0, 0, 0, CotPoint.Unknown, CotPoint.Unknown), CotDetail.Empty with { OtherXml = xml });
}
