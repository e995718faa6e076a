namespace Tahaluf.Cot.Protocol;

/// <summary>The outcome of <see cref="TakStreamBuffer.TryTake"/>.</summary>
public enum FrameStatus
{
    /// <summary>A complete frame was taken.</summary>
    Frame = 0,

    /// <summary>More bytes are needed.</summary>
    NeedMore = 1,

    /// <summary>The stream is broken (see the error); the connection should be closed.</summary>
    Error = 2,
}
