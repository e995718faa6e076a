using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Cot;

/// <summary>The outcome of reading a CoT message: either the value or the first error found.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct CotResult<T>
    where T : class
{
    private CotResult(T? value, CotError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; non-null exactly when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The error; non-null exactly when not <see cref="Success"/>.</summary>
    public CotError? Error { get; }

    /// <summary>True when a value was produced.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CotResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    /// <param name="code">One of <see cref="CotErrorCodes"/>.</param>
    /// <param name="message">The explanation.</param>
    /// <returns>The result.</returns>
    public static CotResult<T> Fail(string code, string message) => new(null, new CotError(code, message));
}
