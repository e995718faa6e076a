namespace Tahaluf.Cli.Conflicts;

/// <summary>Stable error codes for NDJSON input lines that are not about the volume itself.</summary>
public static class CliErrorCodes
{
    /// <summary>The line is not a JSON object.</summary>
    public const string MalformedLine = "input.malformed_line";

    /// <summary><c>id</c> is missing, empty or not a string.</summary>
    public const string MissingId = "input.missing_id";

    /// <summary><c>owner</c> is missing, empty or not a string.</summary>
    public const string MissingOwner = "input.missing_owner";

    /// <summary><c>volume4d</c> is missing or not an object.</summary>
    public const string MissingVolume = "input.missing_volume4d";

    /// <summary>The same <c>id</c> appeared on an earlier line.</summary>
    public const string DuplicateId = "input.duplicate_id";
}
