using System.Text;
using Tahaluf.Cot.Events;
using Tahaluf.Cot.Xml;

namespace Tahaluf.Cot.Protocol;

/// <summary>
/// Encodes and decodes the TAK protocol v1 payload, hand-written against the official field numbers
/// (takmessage.proto, takcontrol.proto, cotevent.proto, detail.proto, contact.proto, track.proto):
/// TakMessage{1 takControl, 2 cotEvent}; TakControl{1 minProtoVersion, 2 maxProtoVersion, 3 contactUid};
/// CotEvent{1 type, 2 access, 3 qos, 4 opex, 5 uid, 6 sendTime, 7 startTime, 8 staleTime (ms since the Unix
/// epoch), 9 how, 10 lat, 11 lon, 12 hae, 13 ce, 14 le, 15 detail}; Detail{1 xmlDetail, 2 contact, 3 group,
/// 4 precisionLocation, 5 status, 6 takv, 7 track}; Contact{1 endpoint, 2 callsign}; Track{1 speed, 2 course}.
/// Detail children other than contact and track travel in xmlDetail; the group, precisionLocation, status and
/// takv messages are skipped on input. Every length is checked against the bytes present, unknown fields are
/// skipped, and failures are returned, never thrown. Thread-safe (stateless).
/// </summary>
public static class TakProtobuf
{
    /// <summary>Encodes a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The protobuf bytes (without framing).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static byte[] Encode(TakMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var root = new ProtoWriter();
        if (message.Control is { } control)
        {
            var c = new ProtoWriter();
            c.UInt(1, control.MinProtoVersion);
            c.UInt(2, control.MaxProtoVersion);
            c.String(3, control.ContactUid);
            root.Bytes(1, c.WrittenSpan);
        }

        if (message.Event is { } e)
        {
            root.Message(2, EncodeEvent(e));
        }

        return root.WrittenSpan.ToArray();
    }

    private static ProtoWriter EncodeEvent(CotEvent e)
    {
        var w = new ProtoWriter();
        w.String(1, e.Type);
        w.String(5, e.Uid);
        w.UInt(6, Millis(e.Time));
        w.UInt(7, Millis(e.Start));
        w.UInt(8, Millis(e.Stale));
        w.String(9, e.How);
        w.Double(10, e.Point.Lat);
        w.Double(11, e.Point.Lon);
        w.Double(12, e.Point.Hae);
        w.Double(13, e.Point.Ce);
        w.Double(14, e.Point.Le);
        var d = new ProtoWriter();
        d.String(1, CotXmlWriter.WriteXmlDetail(e.Detail));
        if (e.Detail.Callsign is not null || e.Detail.Endpoint is not null)
        {
            var contact = new ProtoWriter();
            contact.String(1, e.Detail.Endpoint);
            contact.String(2, e.Detail.Callsign);
            d.Bytes(2, contact.WrittenSpan);
        }

        if (e.Detail.SpeedMps is not null || e.Detail.CourseDeg is not null)
        {
            var track = new ProtoWriter();
            track.Double(1, e.Detail.SpeedMps ?? 0);
            track.Double(2, e.Detail.CourseDeg ?? 0);
            d.Bytes(7, track.WrittenSpan);
        }

        w.Message(15, d);
        return w;
    }

    /// <summary>Decodes a message.</summary>
    /// <param name="payload">The protobuf bytes (without framing).</param>
    /// <param name="limits">Bounds for the embedded XML detail, or null for the defaults.</param>
    /// <returns>The message or the first error.</returns>
    public static CotResult<TakMessage> Decode(ReadOnlySpan<byte> payload, CotXmlLimits? limits = null)
    {
        var reader = new ProtoReader(payload);
        TakControl? control = null;
        CotEvent? cotEvent = null;
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return Malformed("TakMessage: bad tag.");
            }

            if (field == 1 && wire == 2)
            {
                if (!reader.TryReadBytes(out var bytes) || !TryControl(bytes, out control))
                {
                    return Malformed("TakMessage.takControl is truncated or malformed.");
                }
            }
            else if (field == 2 && wire == 2)
            {
                if (!reader.TryReadBytes(out var bytes))
                {
                    return Malformed("TakMessage.cotEvent is truncated.");
                }

                var decoded = DecodeEvent(bytes, limits);
                if (!decoded.Success)
                {
                    return CotResult<TakMessage>.Fail(decoded.Error.Code, decoded.Error.Message);
                }

                cotEvent = decoded.Value;
            }
            else if (!reader.TrySkip(wire))
            {
                return Malformed("TakMessage: a field is truncated.");
            }
        }

        return CotResult<TakMessage>.Ok(new TakMessage(control, cotEvent));
    }

    private static bool TryControl(ReadOnlySpan<byte> bytes, out TakControl? control)
    {
        control = null;
        var r = new ProtoReader(bytes);
        ulong min = 0, max = 0;
        string? contact = null;
        while (!r.End)
        {
            if (!r.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            switch (field, wire)
            {
                case (1, 0):
                    if (!r.TryReadVarint(out min))
                    {
                        return false;
                    }

                    break;
                case (2, 0):
                    if (!r.TryReadVarint(out max))
                    {
                        return false;
                    }

                    break;
                case (3, 2):
                    if (!r.TryReadBytes(out var s) || !TryUtf8(s, out contact))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!r.TrySkip(wire))
                    {
                        return false;
                    }

                    break;
            }
        }

        control = new TakControl((uint)Math.Min(min, uint.MaxValue), (uint)Math.Min(max, uint.MaxValue), contact);
        return true;
    }

    private static CotResult<CotEvent> DecodeEvent(ReadOnlySpan<byte> bytes, CotXmlLimits? limits)
    {
        var r = new ProtoReader(bytes);
        string type = string.Empty, uid = string.Empty, how = string.Empty, xmlDetail = string.Empty;
        string? callsign = null, endpoint = null;
        double? speed = null, course = null;
        ulong send = 0, start = 0, stale = 0;
        double lat = 0, lon = 0, hae = 0, ce = 0, le = 0;
        while (!r.End)
        {
            if (!r.TryReadTag(out var field, out var wire))
            {
                return MalformedEvent("CotEvent: bad tag.");
            }

            var ok = (field, wire) switch
            {
                (1, 2) => TryString(ref r, out type),
                (5, 2) => TryString(ref r, out uid),
                (9, 2) => TryString(ref r, out how),
                (6, 0) => r.TryReadVarint(out send),
                (7, 0) => r.TryReadVarint(out start),
                (8, 0) => r.TryReadVarint(out stale),
                (10, 1) => r.TryReadDouble(out lat),
                (11, 1) => r.TryReadDouble(out lon),
                (12, 1) => r.TryReadDouble(out hae),
                (13, 1) => r.TryReadDouble(out ce),
                (14, 1) => r.TryReadDouble(out le),
                (15, 2) => r.TryReadBytes(out var detail) && TryDetail(detail, out xmlDetail, out callsign, out endpoint, out speed, out course),
                _ => r.TrySkip(wire),
            };
            if (!ok)
            {
                return MalformedEvent($"CotEvent field {field} is truncated or malformed.");
            }
        }

        if (uid.Length == 0 || type.Length == 0)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MissingField, "CotEvent.uid and CotEvent.type are required.");
        }

        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.InvalidField, "CotEvent.lat or lon is out of range.");
        }

        const ulong maxMillis = 253402300799999;
        if (send > maxMillis || start > maxMillis || stale > maxMillis)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.InvalidField, "CotEvent time is out of range.");
        }

        var parsedDetail = CotDetail.Empty;
        if (xmlDetail.Length > 0)
        {
            var read = CotXmlReader.ReadDetailChildren(xmlDetail, limits);
            if (!read.Success)
            {
                return CotResult<CotEvent>.Fail(read.Error.Code, "CotEvent.detail.xmlDetail: " + read.Error.Message);
            }

            parsedDetail = read.Value;
        }

        parsedDetail = parsedDetail with
        {
            Callsign = callsign ?? parsedDetail.Callsign,
            Endpoint = endpoint ?? parsedDetail.Endpoint,
            SpeedMps = speed ?? parsedDetail.SpeedMps,
            CourseDeg = course ?? parsedDetail.CourseDeg,
        };
        return CotResult<CotEvent>.Ok(new CotEvent(
            uid,
            type,
            how,
            DateTimeOffset.FromUnixTimeMilliseconds((long)send),
            DateTimeOffset.FromUnixTimeMilliseconds((long)start),
            DateTimeOffset.FromUnixTimeMilliseconds((long)stale),
            new CotPoint(lat, lon, hae, ce, le),
            parsedDetail));
    }

    private static bool TryDetail(ReadOnlySpan<byte> bytes, out string xml, out string? callsign, out string? endpoint, out double? speed, out double? course)
    {
        xml = string.Empty;
        callsign = endpoint = null;
        speed = course = null;
        var r = new ProtoReader(bytes);
        while (!r.End)
        {
            if (!r.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            if (field == 1 && wire == 2)
            {
                if (!TryString(ref r, out xml))
                {
                    return false;
                }
            }
            else if (field == 2 && wire == 2)
            {
                if (!r.TryReadBytes(out var contact) || !TryContact(contact, out callsign, out endpoint))
                {
                    return false;
                }
            }
            else if (field == 7 && wire == 2)
            {
                if (!r.TryReadBytes(out var track) || !TryTrack(track, out speed, out course))
                {
                    return false;
                }
            }
            else if (!r.TrySkip(wire))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryContact(ReadOnlySpan<byte> bytes, out string? callsign, out string? endpoint)
    {
        callsign = endpoint = null;
        var r = new ProtoReader(bytes);
        while (!r.End)
        {
            if (!r.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            string s;
            var ok = (field, wire) switch
            {
                (1, 2) => TryString(ref r, out s),
                (2, 2) => TryString(ref r, out s),
                _ => Skip(ref r, wire, out s),
            };
            if (!ok)
            {
                return false;
            }

            if (field == 1 && wire == 2)
            {
                endpoint = s;
            }
            else if (field == 2 && wire == 2)
            {
                callsign = s;
            }
        }

        return true;
    }

    private static bool TryTrack(ReadOnlySpan<byte> bytes, out double? speed, out double? course)
    {
        speed = 0;
        course = 0;
        var r = new ProtoReader(bytes);
        while (!r.End)
        {
            if (!r.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            double value = 0;
            var ok = wire == 1 ? r.TryReadDouble(out value) : r.TrySkip(wire);
            if (!ok)
            {
                return false;
            }

            if (wire == 1 && field == 1)
            {
                speed = value;
            }
            else if (wire == 1 && field == 2)
            {
                course = value;
            }
        }

        return true;
    }

    private static bool Skip(ref ProtoReader r, int wire, out string s)
    {
        s = string.Empty;
        return r.TrySkip(wire);
    }

    private static bool TryString(ref ProtoReader r, out string value)
    {
        value = string.Empty;
        return r.TryReadBytes(out var bytes) && TryUtf8(bytes, out value);
    }

    private static readonly UTF8Encoding Strict = new(false, true);

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string value)
    {
        try
        {
            value = Strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static ulong Millis(DateTimeOffset time) => (ulong)Math.Max(0, time.ToUnixTimeMilliseconds());

    private static CotResult<TakMessage> Malformed(string message) => CotResult<TakMessage>.Fail(CotErrorCodes.MalformedProtobuf, message);

    private static CotResult<CotEvent> MalformedEvent(string message) => CotResult<CotEvent>.Fail(CotErrorCodes.MalformedProtobuf, message);
}
