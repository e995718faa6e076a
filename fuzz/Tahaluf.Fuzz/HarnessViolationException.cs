namespace Tahaluf.Fuzz;

/// <summary>A documented property of a decoder did not hold for an input (counted as a crash).</summary>
internal sealed class HarnessViolationException(string target, string message)
    : Exception($"{target}: {message}")
{
}
