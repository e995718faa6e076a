using System.Diagnostics.CodeAnalysis;

namespace Tahaluf.Hub.Errors;

/// <summary>A value or the refusal that prevented it.</summary>
/// <typeparam name="T">Value type.</typeparam>
public readonly struct HubResult<T>
{
    private HubResult(T? value, HubError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="Success"/>.</summary>
    public T? Value { get; }

    /// <summary>The error when not <see cref="Success"/>.</summary>
    public HubError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>A value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory on the result type itself reads best.")]
    public static HubResult<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory on the result type itself reads best.")]
    public static HubResult<T> Fail(HubError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Wraps a value.</summary>
    /// <param name="value">The value.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Ok is the named alternate.")]
    public static implicit operator HubResult<T>(T value) => Ok(value);

    /// <summary>Wraps an error.</summary>
    /// <param name="error">The error.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "Fail is the named alternate.")]
    public static implicit operator HubResult<T>(HubError error) => Fail(error);
}
