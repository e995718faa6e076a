using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Geometry.Validation;

/// <summary>The outcome of reading or validating a value: either the value or the first error found.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct ParseResult<T>
    where T : class
{
    private ParseResult(T? value, GeometryError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; non-null exactly when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The error; non-null exactly when not <see cref="Success"/>.</summary>
    public GeometryError? Error { get; }

    /// <summary>True when a value was produced.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static ParseResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static ParseResult<T> Fail(GeometryError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
