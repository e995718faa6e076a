namespace Tahaluf.Hub.Webhooks;

/// <summary>One partner's delivery loop: its URL, cancellation, task and in-memory status. Thread-safe.</summary>
internal sealed class WebhookLoop
{
    private readonly Lock _gate = new();
    private long _delivered;
    private int _failures;
    private DateTimeOffset? _lastAttempt;
    private DateTimeOffset? _lastSuccess;
    private string? _lastError;
    private long _cursor;
    private Uri _url;

    public WebhookLoop(string partner, Uri url, long cursor)
    {
        Partner = partner;
        _url = url;
        _cursor = cursor;
    }

    public string Partner { get; }

    public Uri Url
    {
        get => Volatile.Read(ref _url);
        set => Volatile.Write(ref _url, value);
    }

    public CancellationTokenSource Stop { get; } = new();

    public Task Task { get; set; } = Task.CompletedTask;

    /// <summary>The durable cursor as last stored by this loop.</summary>
    public long Cursor
    {
        get => Interlocked.Read(ref _cursor);
        set => Interlocked.Exchange(ref _cursor, value);
    }

    public void Succeeded(DateTimeOffset at)
    {
        lock (_gate)
        {
            _delivered++;
            _failures = 0;
            _lastAttempt = at;
            _lastSuccess = at;
            _lastError = null;
        }
    }

    public void Failed(DateTimeOffset at, string error)
    {
        lock (_gate)
        {
            _failures++;
            _lastAttempt = at;
            _lastError = error;
        }
    }

    public (long Delivered, int Failures, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess, string? LastError) Read()
    {
        lock (_gate)
        {
            return (_delivered, _failures, _lastAttempt, _lastSuccess, _lastError);
        }
    }
}
