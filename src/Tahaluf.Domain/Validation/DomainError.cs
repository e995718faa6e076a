namespace Tahaluf.Domain.Validation;

/// <summary>An expected violation of a domain rule: a stable code, the offending field's path and a message.</summary>
/// <param name="Code">One of <see cref="DomainErrorCodes"/>; stable across releases.</param>
/// <param name="Field">JSON path (snake_case) of the offending field, e.g. <c>callsigns[2]</c>, or the rule's subject.</param>
/// <param name="Message">Plain-English explanation naming the field and the rule.</param>
public sealed record DomainError(string Code, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
