using System.Globalization;
using System.Text.Json;
using Tahaluf.Geometry.Formats;
using Tahaluf.Geometry.Indexing;
using Tahaluf.Geometry.Volumes;

namespace Tahaluf.Cli.Conflicts;

/// <summary>
/// The <c>tahaluf conflicts</c> job: reads NDJSON volumes, writes every conflicting pair of different
/// owners as NDJSON <c>{"a": ID, "b": ID}</c> with <c>a &lt; b</c> (ordinal), sorted by (a, b).
/// Not thread-safe; one instance per run.
/// </summary>
public static class ConflictBatch
{
    /// <summary>Input sizes above this many lines get progress messages on the progress writer.</summary>
    public const int ProgressThresholdLines = 100_000;

    /// <summary>Runs the job.</summary>
    /// <param name="input">NDJSON input, one volume per line; blank lines are ignored.</param>
    /// <param name="output">Destination of the NDJSON pairs (UTF-8).</param>
    /// <param name="error">Where the first invalid line is reported as <c>line N: CODE: message</c>.</param>
    /// <param name="progress">Where progress is written for large inputs.</param>
    /// <param name="minima">Separation minima.</param>
    /// <returns>0 on success, 2 on the first invalid line (nothing is written to <paramref name="output"/>).</returns>
    public static int Run(TextReader input, Stream output, TextWriter error, TextWriter progress, SeparationMinima minima)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(progress);

        var ids = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = new VolumeIndex();
        var lineNumber = 0;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber % ProgressThresholdLines == 0)
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tahaluf conflicts: {lineNumber:N0} lines read"));
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var failure = ReadLine(line, out var id, out var owner, out var volume);
            if (failure is null && seen.ContainsKey(id!))
            {
                failure = (CliErrorCodes.DuplicateId, $"id '{id}' was already used on line {seen[id!].ToString(CultureInfo.InvariantCulture)}");
            }

            if (failure is { } f)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {f.Code}: {f.Message}"));
                return 2;
            }

            if (!owners.TryGetValue(owner!, out var ownerKey))
            {
                ownerKey = owners.Count;
                owners.Add(owner!, ownerKey);
            }

            seen.Add(id!, lineNumber);
            index.Upsert(ids.Count, ownerKey, volume!);
            ids.Add(id!);
        }

        var large = lineNumber > ProgressThresholdLines;
        if (large)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tahaluf conflicts: {ids.Count:N0} volumes indexed; finding conflicting pairs"));
        }

        var pairs = new List<(long A, long B)>();
        index.ConflictingPairs(minima, pairs);
        var named = new (string A, string B)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var a = ids[(int)pairs[i].A];
            var b = ids[(int)pairs[i].B];
            named[i] = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        }

        Array.Sort(named, static (x, y) =>
        {
            var c = string.CompareOrdinal(x.A, y.A);
            return c != 0 ? c : string.CompareOrdinal(x.B, y.B);
        });

        WritePairs(output, named);
        if (large)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tahaluf conflicts: {named.Length:N0} conflicting pairs written"));
        }

        return 0;
    }

    private static (string Code, string Message)? ReadLine(string line, out string? id, out string? owner, out Volume4D? volume)
    {
        id = null;
        owner = null;
        volume = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return (CliErrorCodes.MalformedLine, "not valid JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (CliErrorCodes.MalformedLine, "a line must be a JSON object {\"id\", \"owner\", \"volume4d\"}");
            }

            id = ReadString(root, "id");
            if (id is null)
            {
                return (CliErrorCodes.MissingId, "field 'id' must be a non-empty string");
            }

            owner = ReadString(root, "owner");
            if (owner is null)
            {
                return (CliErrorCodes.MissingOwner, "field 'owner' must be a non-empty string");
            }

            if (!root.TryGetProperty("volume4d", out var element) || element.ValueKind != JsonValueKind.Object)
            {
                return (CliErrorCodes.MissingVolume, "field 'volume4d' must be an ASTM F3548 Volume4D object");
            }

            var result = F3548Reader.ReadVolume4D(element, "volume4d");
            if (!result.Success)
            {
                return (result.Error.Code, result.Error.Message);
            }

            volume = result.Value;
            return null;
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : null;

    private static void WritePairs(Stream output, (string A, string B)[] pairs)
    {
        using var buffered = new BufferedStream(output, 1 << 16);
        using (var writer = new Utf8JsonWriter(buffered))
        {
            foreach (var (a, b) in pairs)
            {
                writer.WriteStartObject();
                writer.WriteString("a", a);
                writer.WriteString("b", b);
                writer.WriteEndObject();
                writer.Flush();
                buffered.WriteByte((byte)'\n');
                writer.Reset();
            }
        }

        buffered.Flush();
    }
}
