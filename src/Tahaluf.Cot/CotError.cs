namespace Tahaluf.Cot;

/// <summary>An expected failure to read a CoT message: a stable code and an explanation.</summary>
/// <param name="Code">One of <see cref="CotErrorCodes"/>.</param>
/// <param name="Message">Plain-English explanation naming the field or the limit.</param>
public sealed record CotError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
