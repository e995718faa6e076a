namespace Tahaluf.Server.Cot;

/// <summary>
/// The Cursor-on-Target bridge as the HTTP API sees it: null until the bridge has started (it starts after the web
/// server) and when the hub runs without one.
/// </summary>
internal sealed class CotStatus
{
    private CotBridge? _bridge;

    /// <summary>The running bridge, or null.</summary>
    public CotBridge? Bridge
    {
        get => Volatile.Read(ref _bridge);
        set => Volatile.Write(ref _bridge, value);
    }
}
