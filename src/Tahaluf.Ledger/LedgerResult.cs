using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Ledger;

/// <summary>The outcome of reading ledger data: either the value or the first error found.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct LedgerResult<T>
    where T : class
{
    private LedgerResult(T? value, LedgerError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; non-null exactly when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The error; non-null exactly when not <see cref="Success"/>.</summary>
    public LedgerError? Error { get; }

    /// <summary>True when a value was produced.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static LedgerResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failed result.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static LedgerResult<T> Fail(LedgerError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A failed result with a code and message.</summary>
    /// <param name="code">One of <see cref="LedgerErrorCodes"/>.</param>
    /// <param name="message">The explanation.</param>
    /// <returns>The result.</returns>
    public static LedgerResult<T> Fail(string code, string message) => Fail(new LedgerError(code, message));
}
