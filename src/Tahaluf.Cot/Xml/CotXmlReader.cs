using System.Globalization;
using System.Text;
using System.Xml;
using Tahaluf.Cot.Events;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cot.Xml;

/// <summary>
/// Reads one CoT <c>&lt;event&gt;</c> from XML, refusing anything that could make the reader do more than read
/// the bytes given: DTDs are prohibited (so no entity expansion, no billion laughs), no resolver is set (so no
/// external entity or schema is ever fetched), the document and entity expansion are bounded in characters,
/// comments and processing instructions are skipped. Every failure is returned as a <see cref="CotError"/>;
/// no exception escapes. Numbers and times are read with the invariant culture. Thread-safe (stateless).
/// </summary>
public static class CotXmlReader
{
    /// <summary>Reads an event from UTF-8 bytes.</summary>
    /// <param name="utf8">The XML document, UTF-8.</param>
    /// <param name="limits">Bounds, or null for <see cref="CotXmlLimits.Default"/>.</param>
    /// <returns>The event or the first error.</returns>
    public static CotResult<CotEvent> Read(ReadOnlySpan<byte> utf8, CotXmlLimits? limits = null)
    {
        limits ??= CotXmlLimits.Default;
        if (utf8.Length > limits.MaxCharacters * 4L)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.TooLarge, $"The event is larger than {limits.MaxCharacters} characters.");
        }

        string text;
        try
        {
            text = Strict.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MalformedXml, "The event is not valid UTF-8.");
        }

        return Read(text, limits);
    }

    /// <summary>Reads an event from text.</summary>
    /// <param name="xml">The XML document.</param>
    /// <param name="limits">Bounds, or null for <see cref="CotXmlLimits.Default"/>.</param>
    /// <returns>The event or the first error.</returns>
    public static CotResult<CotEvent> Read(string xml, CotXmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        limits ??= CotXmlLimits.Default;
        if (xml.Length > limits.MaxCharacters)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.TooLarge, $"The event is larger than {limits.MaxCharacters} characters.");
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings(limits.MaxCharacters));
            return ReadEvent(reader, limits);
        }
        catch (XmlException e)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MalformedXml, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MalformedXml, e.Message);
        }
    }

    /// <summary>Reads the children of a detail given as XML text (as the protobuf <c>xmlDetail</c> carries them).</summary>
    /// <param name="children">Zero or more detail child elements.</param>
    /// <param name="limits">Bounds, or null for <see cref="CotXmlLimits.Default"/>.</param>
    /// <returns>The detail or the first error.</returns>
    public static CotResult<CotDetail> ReadDetailChildren(string children, CotXmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(children);
        limits ??= CotXmlLimits.Default;
        if (children.Length > limits.MaxCharacters)
        {
            return CotResult<CotDetail>.Fail(CotErrorCodes.TooLarge, $"The detail is larger than {limits.MaxCharacters} characters.");
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader("<detail>" + children + "</detail>"), Settings(limits.MaxCharacters + 32));
            reader.MoveToContent();
            var detail = ReadDetail(reader, limits, out var error);
            return error is null ? CotResult<CotDetail>.Ok(detail!) : CotResult<CotDetail>.Fail(error.Code, error.Message);
        }
        catch (XmlException e)
        {
            return CotResult<CotDetail>.Fail(CotErrorCodes.MalformedXml, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return CotResult<CotDetail>.Fail(CotErrorCodes.MalformedXml, e.Message);
        }
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static XmlReaderSettings Settings(int maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private static CotResult<CotEvent> ReadEvent(XmlReader reader, CotXmlLimits limits)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "event")
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MissingField, "The document's root element must be <event>.");
        }

        var uid = reader.GetAttribute("uid");
        var type = reader.GetAttribute("type");
        if (string.IsNullOrEmpty(uid))
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MissingField, "event/@uid is missing or empty.");
        }

        if (string.IsNullOrEmpty(type))
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MissingField, "event/@type is missing or empty.");
        }

        var how = reader.GetAttribute("how") ?? string.Empty;
        if (!TryTime(reader.GetAttribute("time"), "event/@time", out var time, out var error)
            || !TryTime(reader.GetAttribute("start"), "event/@start", out var start, out error)
            || !TryTime(reader.GetAttribute("stale"), "event/@stale", out var stale, out error))
        {
            return CotResult<CotEvent>.Fail(error!.Code, error.Message);
        }

        CotPoint? point = null;
        var detail = CotDetail.Empty;
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Skip();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "point":
                        if (!TryPoint(reader, out var p, out error))
                        {
                            return CotResult<CotEvent>.Fail(error!.Code, error.Message);
                        }

                        point = p;
                        reader.Skip();
                        break;
                    case "detail":
                        detail = ReadDetail(reader, limits, out error)!;
                        if (error is not null)
                        {
                            return CotResult<CotEvent>.Fail(error.Code, error.Message);
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            reader.Read();
        }

        // Reading to the end makes the reader check that the document is complete and well-formed.
        while (reader.Read())
        {
        }

        if (point is null)
        {
            return CotResult<CotEvent>.Fail(CotErrorCodes.MissingField, "event/point is missing.");
        }

        return CotResult<CotEvent>.Ok(new CotEvent(uid, type, how, time, start, stale, point.Value, detail));
    }

    private static CotDetail? ReadDetail(XmlReader reader, CotXmlLimits limits, out CotError? error)
    {
        error = null;
        var detail = CotDetail.Empty;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return detail;
        }

        var links = new List<LatLng>();
        var other = new StringBuilder();
        CotShape? ellipse = null;
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Skip();
                continue;
            }

            switch (reader.LocalName)
            {
                case "contact":
                    detail = detail with { Callsign = reader.GetAttribute("callsign"), Endpoint = reader.GetAttribute("endpoint") };
                    reader.Skip();
                    break;
                case "track":
                    if (!TryOptional(reader.GetAttribute("course"), "track/@course", out var course, out error)
                        || !TryOptional(reader.GetAttribute("speed"), "track/@speed", out var speed, out error))
                    {
                        return null;
                    }

                    detail = detail with { CourseDeg = course, SpeedMps = speed };
                    reader.Skip();
                    break;
                case "remarks":
                    detail = detail with { Remarks = reader.ReadElementContentAsString() };
                    break;
                case "tahaluf":
                    if (!TryOptional(reader.GetAttribute("minAltM"), "tahaluf/@minAltM", out var min, out error)
                        || !TryOptional(reader.GetAttribute("maxAltM"), "tahaluf/@maxAltM", out var max, out error))
                    {
                        return null;
                    }

                    detail = detail with { MinAltitudeM = min, MaxAltitudeM = max };
                    reader.Skip();
                    break;
                case "link" when reader.GetAttribute("point") is { } linkPoint:
                    if (links.Count >= limits.MaxLinks)
                    {
                        error = new CotError(CotErrorCodes.TooLarge, $"More than {limits.MaxLinks} link points.");
                        return null;
                    }

                    if (!TryLinkPoint(linkPoint, out var vertex))
                    {
                        error = new CotError(CotErrorCodes.InvalidField, $"link/@point '{Clip(linkPoint)}' is not 'lat,lon[,hae]' in range.");
                        return null;
                    }

                    links.Add(vertex);
                    reader.Skip();
                    break;
                case "shape":
                    ellipse = ReadShape(reader, out error);
                    if (error is not null)
                    {
                        return null;
                    }

                    break;
                default:
                    other.Append(reader.ReadOuterXml());
                    break;
            }
        }

        reader.Read();
        CotShape? shape = ellipse ?? (links.Count > 0 ? new CotShape(CotShapeKind.Polygon, links) : null);
        return detail with { Shape = shape, OtherXml = other.ToString() };
    }

    private static CotShape? ReadShape(XmlReader reader, out CotError? error)
    {
        error = null;
        CotShape? shape = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "ellipse")
            {
                if (!TryOptional(reader.GetAttribute("major"), "ellipse/@major", out var major, out error)
                    || !TryOptional(reader.GetAttribute("minor"), "ellipse/@minor", out var minor, out error)
                    || !TryOptional(reader.GetAttribute("angle"), "ellipse/@angle", out var angle, out error))
                {
                    return null;
                }

                shape = new CotShape(CotShapeKind.Ellipse, [], major ?? 0, minor ?? major ?? 0, angle ?? 0);
            }

            reader.Skip();
        }

        reader.Read();
        return shape;
    }

    private static bool TryPoint(XmlReader reader, out CotPoint point, out CotError? error)
    {
        point = default;
        if (!TryRequired(reader.GetAttribute("lat"), "point/@lat", -90, 90, out var lat, out error)
            || !TryRequired(reader.GetAttribute("lon"), "point/@lon", -180, 180, out var lon, out error)
            || !TryOptional(reader.GetAttribute("hae"), "point/@hae", out var hae, out error)
            || !TryOptional(reader.GetAttribute("ce"), "point/@ce", out var ce, out error)
            || !TryOptional(reader.GetAttribute("le"), "point/@le", out var le, out error))
        {
            return false;
        }

        point = new CotPoint(lat, lon, hae ?? CotPoint.Unknown, ce ?? CotPoint.Unknown, le ?? CotPoint.Unknown);
        return true;
    }

    internal static bool TryLinkPoint(string text, out LatLng vertex)
    {
        vertex = default;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
        {
            return false;
        }

        vertex = new LatLng(lat, lon);
        return true;
    }

    private static bool TryRequired(string? text, string field, double min, double max, out double value, out CotError? error)
    {
        error = null;
        value = 0;
        if (text is null)
        {
            error = new CotError(CotErrorCodes.MissingField, $"{field} is missing.");
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !(value >= min && value <= max))
        {
            error = new CotError(CotErrorCodes.InvalidField, $"{field} '{Clip(text)}' is not a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
            return false;
        }

        return true;
    }

    private static bool TryOptional(string? text, string field, out double? value, out CotError? error)
    {
        error = null;
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            error = new CotError(CotErrorCodes.InvalidField, $"{field} '{Clip(text)}' is not a finite number.");
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool TryTime(string? text, string field, out DateTimeOffset value, out CotError? error)
    {
        error = null;
        value = default;
        if (text is null)
        {
            error = new CotError(CotErrorCodes.MissingField, $"{field} is missing.");
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            error = new CotError(CotErrorCodes.InvalidField, $"{field} '{Clip(text)}' is not an ISO 8601 time.");
            return false;
        }

        return true;
    }

    /// <summary>The value of an attribute of the first element with the given name in an XML fragment, or null.</summary>
    internal static string? FindAttribute(string fragment, string element, string attribute)
    {
        try
        {
            var settings = Settings(Math.Max(fragment.Length, 16));
            settings.ConformanceLevel = ConformanceLevel.Fragment;
            using var reader = XmlReader.Create(new StringReader(fragment), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == element)
                {
                    return reader.GetAttribute(attribute);
                }
            }
        }
        catch (XmlException)
        {
        }

        return null;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
