namespace Tahaluf.Scenarios;

/// <summary>Stable error codes of scenario loading and import. Values never change.</summary>
public static class ScenarioErrorCodes
{
    /// <summary>A file is missing or unreadable.</summary>
    public const string FileNotFound = "scenario.file_not_found";

    /// <summary>A file is not valid JSON or does not have the expected shape.</summary>
    public const string MalformedFile = "scenario.malformed_file";

    /// <summary>A field has an invalid value.</summary>
    public const string InvalidField = "scenario.invalid_field";

    /// <summary>A reference to a partner, variant or file that does not exist.</summary>
    public const string UnknownReference = "scenario.unknown_reference";

    /// <summary>A declaration the hub would refuse (the hub's own code and field are in the message).</summary>
    public const string InvalidDeclaration = "scenario.invalid_declaration";

    /// <summary>An import format the file does not match.</summary>
    public const string UnknownFormat = "import.unknown_format";

    /// <summary>An altitude reference Tahaluf cannot convert (AGL without terrain, SFC).</summary>
    public const string UnsupportedAltitudeReference = "import.unsupported_altitude_reference";
}
