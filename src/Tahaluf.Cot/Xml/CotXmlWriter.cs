using System.Globalization;
using System.Text;
using System.Xml;
using Tahaluf.Cot.Events;

namespace Tahaluf.Cot.Xml;

/// <summary>
/// Writes a CoT event as XML (CoT 2.0), numbers in the invariant culture with round-trip precision, times as
/// UTC with milliseconds. <see cref="CotDetail.OtherXml"/> is written as is, so it must be well-formed (it is
/// when it came from <see cref="CotXmlReader"/>). Thread-safe (stateless).
/// </summary>
public static class CotXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        Encoding = new UTF8Encoding(false),
    };

    /// <summary>The event as an XML document with the standard declaration.</summary>
    /// <param name="cotEvent">The event.</param>
    /// <returns>XML text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cotEvent"/> is null.</exception>
    /// <exception cref="ArgumentException">A string holds a character XML cannot carry.</exception>
    public static string Write(CotEvent cotEvent)
    {
        ArgumentNullException.ThrowIfNull(cotEvent);
        var builder = new StringBuilder(512);
        builder.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        using (var writer = XmlWriter.Create(builder, Settings))
        {
            writer.WriteStartElement("event");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteAttributeString("uid", cotEvent.Uid);
            writer.WriteAttributeString("type", cotEvent.Type);
            writer.WriteAttributeString("how", cotEvent.How);
            writer.WriteAttributeString("time", Time(cotEvent.Time));
            writer.WriteAttributeString("start", Time(cotEvent.Start));
            writer.WriteAttributeString("stale", Time(cotEvent.Stale));
            writer.WriteStartElement("point");
            writer.WriteAttributeString("lat", Number(cotEvent.Point.Lat));
            writer.WriteAttributeString("lon", Number(cotEvent.Point.Lon));
            writer.WriteAttributeString("hae", Number(cotEvent.Point.Hae));
            writer.WriteAttributeString("ce", Number(cotEvent.Point.Ce));
            writer.WriteAttributeString("le", Number(cotEvent.Point.Le));
            writer.WriteEndElement();
            writer.WriteStartElement("detail");
            WriteDetailChildren(writer, cotEvent.Detail, includeContactAndTrack: true);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    /// <summary>The event as UTF-8 bytes.</summary>
    /// <param name="cotEvent">The event.</param>
    /// <returns>UTF-8 XML.</returns>
    public static byte[] WriteUtf8(CotEvent cotEvent) => Encoding.UTF8.GetBytes(Write(cotEvent));

    /// <summary>
    /// The detail children as XML text, without contact and track (which the TAK protobuf carries in fields of
    /// their own): remarks, shape links and ellipse, the tahaluf band and <see cref="CotDetail.OtherXml"/>.
    /// </summary>
    /// <param name="detail">The detail.</param>
    /// <returns>XML text of zero or more elements.</returns>
    public static string WriteXmlDetail(CotDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var builder = new StringBuilder();
        var settings = Settings.Clone();
        settings.ConformanceLevel = ConformanceLevel.Fragment;
        using (var writer = XmlWriter.Create(builder, settings))
        {
            WriteDetailChildren(writer, detail, includeContactAndTrack: false);
        }

        return builder.ToString();
    }

    private static void WriteDetailChildren(XmlWriter writer, CotDetail detail, bool includeContactAndTrack)
    {
        if (includeContactAndTrack && (detail.Callsign is not null || detail.Endpoint is not null))
        {
            writer.WriteStartElement("contact");
            if (detail.Callsign is not null)
            {
                writer.WriteAttributeString("callsign", detail.Callsign);
            }

            if (detail.Endpoint is not null)
            {
                writer.WriteAttributeString("endpoint", detail.Endpoint);
            }

            writer.WriteEndElement();
        }

        if (includeContactAndTrack && (detail.CourseDeg is not null || detail.SpeedMps is not null))
        {
            writer.WriteStartElement("track");
            writer.WriteAttributeString("course", Number(detail.CourseDeg ?? 0));
            writer.WriteAttributeString("speed", Number(detail.SpeedMps ?? 0));
            writer.WriteEndElement();
        }

        if (detail.Shape is { } shape)
        {
            if (shape.Kind == CotShapeKind.Ellipse)
            {
                writer.WriteStartElement("shape");
                writer.WriteStartElement("ellipse");
                writer.WriteAttributeString("major", Number(shape.MajorM));
                writer.WriteAttributeString("minor", Number(shape.MinorM));
                writer.WriteAttributeString("angle", Number(shape.AngleDeg));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            else
            {
                foreach (var v in shape.Vertices)
                {
                    writer.WriteStartElement("link");
                    writer.WriteAttributeString("point", Number(v.Lat) + "," + Number(v.Lng));
                    writer.WriteEndElement();
                }
            }
        }

        if (detail.MinAltitudeM is not null || detail.MaxAltitudeM is not null)
        {
            writer.WriteStartElement("tahaluf");
            if (detail.MinAltitudeM is { } min)
            {
                writer.WriteAttributeString("minAltM", Number(min));
            }

            if (detail.MaxAltitudeM is { } max)
            {
                writer.WriteAttributeString("maxAltM", Number(max));
            }

            writer.WriteEndElement();
        }

        if (detail.Remarks is not null)
        {
            writer.WriteElementString("remarks", detail.Remarks);
        }

        if (detail.OtherXml.Length > 0)
        {
            writer.WriteRaw(detail.OtherXml);
        }
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
