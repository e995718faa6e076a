using System.Text.Json;

namespace Tahaluf.Scenarios.Model;

/// <summary>
/// A zone computed from a TopoJSON borders file: a country's territory (largest polygon), plus a band of
/// <see cref="BufferNm"/> nautical miles reaching into <see cref="Neighbour"/> along their common border,
/// simplified to at most <see cref="MaxVertices"/> vertices.
/// </summary>
public sealed record GeneratedZoneSpec
{
    /// <summary>When to declare it (UTC); null: at the clock's start.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Declaring partner.</summary>
    public string Partner { get; init; } = "";

    /// <summary>Zone id.</summary>
    public string Id { get; init; } = "";

    /// <summary>TopoJSON file with an object <c>countries</c>, relative to the scenario file.</summary>
    public string BordersFile { get; init; } = "";

    /// <summary>ISO 3166-1 numeric id of the country, e.g. <c>792</c> (Turkey).</summary>
    public string Country { get; init; } = "";

    /// <summary>ISO 3166-1 numeric id of the neighbour the buffer reaches into, or null for no buffer.</summary>
    public string? Neighbour { get; init; }

    /// <summary>Buffer width, nautical miles (1852 m), in [0, 100].</summary>
    public double BufferNm { get; init; }

    /// <summary>Most vertices in the published outline, in [16, 10,000].</summary>
    public int MaxVertices { get; init; } = 300;

    /// <summary>Lower altitude, metres W84.</summary>
    public double LowerM { get; init; }

    /// <summary>Upper altitude, metres W84.</summary>
    public double UpperM { get; init; }

    /// <summary>Start of validity (UTC); null: the declaration time.</summary>
    public DateTimeOffset? TimeStart { get; init; }

    /// <summary>Zone kind wire name, e.g. <c>border_warning_zone</c>.</summary>
    public string ZoneKind { get; init; } = "other";

    /// <summary>Zone name.</summary>
    public string? Name { get; init; }

    /// <summary>Label object as the API takes it, or undefined.</summary>
    public JsonElement Label { get; init; }

    /// <summary>Centre latitude of the local azimuthal equidistant projection the buffer is computed in, degrees.</summary>
    public double ProjectionLat { get; init; } = 36;

    /// <summary>Centre longitude of the projection, degrees.</summary>
    public double ProjectionLng { get; init; } = 37;
}
