namespace Tahaluf.Hub;

/// <summary>The hub could not make a write durable (the store failed); nothing of it was accepted. Retry later.</summary>
public sealed class HubUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HubUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Explanation.</param>
    public HubUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Explanation.</param>
    /// <param name="innerException">The store's error.</param>
    public HubUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
