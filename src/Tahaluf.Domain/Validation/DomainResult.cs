using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Domain.Validation;

/// <summary>The outcome of applying a domain rule: either the resulting value or the error that prevented it.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct DomainResult<T>
    where T : class
{
    private DomainResult(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; non-null exactly when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The error; non-null exactly when not <see cref="Success"/>.</summary>
    public DomainError? Error { get; }

    /// <summary>True when the rule produced a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static DomainResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static DomainResult<T> Fail(DomainError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
