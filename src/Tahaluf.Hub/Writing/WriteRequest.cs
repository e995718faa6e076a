namespace Tahaluf.Hub.Writing;

/// <summary>A unit of work queued for the single writer; completed only after its commit is durable.</summary>
internal abstract class WriteRequest
{
    /// <summary>Applies the request to the context (validating first: an error must leave the context untouched).</summary>
    public abstract void Run(WriteContext context);

    /// <summary>Completes the caller after a durable commit.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller (the commit did not happen).</summary>
    public abstract void Fail(Exception error);

    /// <summary>Whether the caller already has its answer (a request that failed alone is not run again).</summary>
    public abstract bool IsCompleted { get; }
}

/// <summary>A write request producing <typeparamref name="T"/>.</summary>
internal sealed class WriteRequest<T>(Func<WriteContext, T> run) : WriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Run(WriteContext context) => _result = run(context);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override bool IsCompleted => _completion.Task.IsCompleted;
}
