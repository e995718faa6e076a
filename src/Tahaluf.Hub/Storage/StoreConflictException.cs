namespace Tahaluf.Hub.Storage;

/// <summary>
/// A commit was refused because the store moved on under the writer (another instance wrote, or a
/// sequence or index does not continue the stored ones). Nothing of the commit was written; reload and retry.
/// </summary>
public sealed class StoreConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not continue.</param>
    public StoreConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not continue.</param>
    /// <param name="innerException">The store's own error.</param>
    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
