namespace Tahaluf.Fuzz;

/// <summary>A value the reader accepted, once written by the matching writer, was refused by the same reader (counted as a crash).</summary>
internal sealed class RoundTripException(string target, string message)
    : Exception($"{target}: round trip refused: {message}")
{
}
