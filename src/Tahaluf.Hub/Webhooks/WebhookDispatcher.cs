using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Tahaluf.Hub.Errors;
using Tahaluf.Hub.Serialization;
using Tahaluf.Hub.Storage;
using Tahaluf.Ledger.Notes;

namespace Tahaluf.Hub.Webhooks;

/// <summary>
/// Delivers each partner's notifications to its registered HTTPS callback: signed by the hub
/// (<see cref="WebhookSignature"/>), in event order, at least once, retried with exponential backoff and
/// jitter for as long as the dispatcher runs.
/// </summary>
/// <remarks>
/// <para>
/// The outbox is the hub's durable event stream. A partner's deliveries are the <c>notification</c> events
/// (first sending; the re-send of an escalation is not delivered twice) and the <c>escalated</c> events
/// addressed to it, projected at sending time through the same read as <c>GET /api/v1/notifications/{id}</c>,
/// so the release policy applies and nothing hidden is sent. One loop per partner follows the feed from the
/// partner's durable cursor, sends one delivery at a time and stores the cursor past it only after a 2xx
/// answer: a failing delivery holds back the later ones (order), and after a crash or restart deliveries
/// resume from the cursor, so a delivery whose 2xx was received but whose cursor write was lost is sent again
/// with the same id (at-least-once; receivers de-duplicate by id).
/// </para>
/// <para>
/// Body: <c>{"id": delivery id, "event": "notification"|"escalated", "sequence": event sequence,
/// "notification": the notification as the REST read shows it}</c>. The delivery id is the notification id for
/// <c>notification</c> and the notification id followed by <c>/escalated</c> for <c>escalated</c>; it never
/// changes between attempts. Headers: <see cref="WebhookSignature.DeliveryHeader"/>,
/// <see cref="WebhookSignature.EventHeader"/>, <see cref="WebhookSignature.TimestampHeader"/>,
/// <see cref="WebhookSignature.SignatureHeader"/>.
/// </para>
/// <para>
/// Run one dispatcher per hub (with several instances on one store, only on the engine leader: two
/// dispatchers would both deliver). Start it after the hub and dispose it before the hub. Public members are
/// thread-safe.
/// </para>
/// </remarks>
public sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly HubService _hub;
    private readonly IHubStore _events;
    private readonly IWebhookStore _store;
    private readonly NoteSigner _signer;
    private readonly TimeProvider _wallClock;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<bool> _pipeline;
    private static readonly TimeSpan LeaderPoll = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WebhookLoop> _loops = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _refresh = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Creates a dispatcher; nothing is sent before <see cref="StartAsync"/>.</summary>
    /// <param name="hub">The running hub (its feed wakes the loops; its reads project the notifications).</param>
    /// <param name="store">The hub's store; it must also implement <see cref="IWebhookStore"/>.</param>
    /// <param name="signer">The hub's Ed25519 ledger key (owned by the caller, who keeps it alive while this runs).</param>
    /// <param name="options">Settings.</param>
    /// <param name="wallClock">Clock for signature timestamps and retry delays (real time even when the hub's clock is simulated); null for the system clock.</param>
    /// <exception cref="ArgumentException"><paramref name="store"/> holds no webhooks.</exception>
    public WebhookDispatcher(HubService hub, IHubStore store, NoteSigner signer, WebhookOptions options, TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _events = store;
        _store = store as IWebhookStore ?? throw new ArgumentException("The store does not implement IWebhookStore.", nameof(store));
        _signer = signer;
        Options = options;
        _wallClock = wallClock ?? TimeProvider.System;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // A redirect could lead to plain HTTP or to another host than the partner registered.
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // Resolve, then connect only to addresses the hub may call (server-side request forgery guard).
            ConnectCallback = (context, cancellationToken) => WebhookAddresses.ConnectAsync(context, options, cancellationToken),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = _wallClock }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: OperationCanceledException } when args.Context.CancellationToken.IsCancellationRequested => false,
                    { Exception: not null } => true,
                    { Result: false } => true,
                    _ => false,
                }),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The settings.</summary>
    public WebhookOptions Options { get; }

    /// <summary>
    /// Loads the registered webhooks and starts a delivery loop for each; from then on re-reads the
    /// registrations every <see cref="WebhookOptions.RefreshInterval"/>, so webhooks registered, replaced or
    /// removed through another instance of the hub are followed too.
    /// </summary>
    /// <param name="cancellationToken">Cancellation of the start only.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        _refresh = Task.Run(RefreshAsync, CancellationToken.None);
    }

    /// <summary>
    /// Registers <paramref name="partner"/>'s callback, or replaces its URL. A new registration receives the
    /// notifications committed from now on; a replacement keeps the cursor, so pending deliveries go to the
    /// new URL and nothing is skipped.
    /// </summary>
    /// <param name="partner">A known partner id.</param>
    /// <param name="url">The callback URL (see <see cref="WebhookUrl.Validate"/>).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status and whether the webhook was created (false: replaced), or the refusal.</returns>
    public async Task<HubResult<(WebhookStatus Status, bool Created)>> RegisterAsync(string partner, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var checkedUrl = WebhookUrl.Validate(url, Options);
        if (!checkedUrl.Success)
        {
            return checkedUrl.Error!;
        }

        if (!_hub.Snapshot.Partners.ContainsKey(partner))
        {
            return HubError.NotFound($"partner '{partner}'");
        }

        bool created;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var before = await _store.GetWebhookAsync(partner, cancellationToken).ConfigureAwait(false);
            created = before is null;
            var stored = await _store.PutWebhookAsync(
                new WebhookRecord(partner, checkedUrl.Value!.AbsoluteUri, _hub.Time.GetUtcNow(), _hub.Feed.LastSequence), cancellationToken).ConfigureAwait(false);
            await StopLoopAsync(partner).ConfigureAwait(false);
            StartLoop(partner, new Uri(stored.Url), stored.Cursor);
        }
        finally
        {
            _gate.Release();
        }

        return (await GetStatusAsync(partner, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("The webhook vanished after registration."), created);
    }

    /// <summary>Removes <paramref name="partner"/>'s webhook; deliveries stop (an attempt in flight is abandoned).</summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when one was registered.</returns>
    public async Task<bool> RemoveAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopLoopAsync(partner).ConfigureAwait(false);
            return await _store.DeleteWebhookAsync(partner, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A partner's webhook and delivery status, or null when none is registered.</summary>
    /// <param name="partner">Partner id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status or null.</returns>
    public async Task<WebhookStatus?> GetStatusAsync(string partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var stored = await _store.GetWebhookAsync(partner, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        WebhookLoop? loop;
        lock (_loops)
        {
            _loops.TryGetValue(partner, out loop);
        }

        var cursor = Math.Max(stored.Cursor, loop?.Cursor ?? 0);
        var (pending, exact) = await CountPendingAsync(partner, cursor, cancellationToken).ConfigureAwait(false);
        var (delivered, failures, lastAttempt, lastSuccess, lastError) = loop?.Read() ?? default;
        return new WebhookStatus(stored.Partner, stored.Url, stored.CreatedAt, cursor, pending, exact, delivered, failures, lastAttempt, lastSuccess, lastError);
    }

    /// <summary>The JSON body of one delivery as the partner may see it now, or null when it is not the partner's to receive.</summary>
    /// <param name="partner">The receiving partner.</param>
    /// <param name="e">A stored event.</param>
    /// <returns>The body text and delivery id, or null.</returns>
    public (string Body, string DeliveryId, string Event)? Project(string partner, EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(e);
        if (!IsFor(partner, e) || _hub.GetNotification(partner, e.SubjectId) is not { } delivery)
        {
            return null;
        }

        var id = e.Type == "escalated" ? e.SubjectId + "/escalated" : e.SubjectId;
        var body = ViewJson.ToJson(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("event", e.Type);
            w.WriteNumber("sequence", e.Sequence);
            w.WritePropertyName("notification");
            HubJson.Write(w, delivery);
            w.WriteEndObject();
        });
        return (body, id, e.Type);
    }

    /// <summary>Stops every loop (attempts in flight are abandoned; their deliveries are sent again on the next start).</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _refresh.ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            string[] partners;
            lock (_loops)
            {
                partners = [.. _loops.Keys];
            }

            foreach (var p in partners)
            {
                await StopLoopAsync(p).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    // Whether an event is one of the partner's deliveries. The payload says who the recipient is; an
    // escalation re-send ("resent": true) duplicates the "escalated" event of the same commit.
    private static bool IsFor(string partner, EventRecord e)
    {
        if (e.Type is not ("notification" or "escalated") || e.SubjectKind != "notification")
        {
            return false;
        }

        try
        {
            using var payload = JsonDocument.Parse(e.PayloadJson);
            var root = payload.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("recipient", out var r) && r.ValueKind == JsonValueKind.String && r.ValueEquals(partner)
                && !(e.Type == "notification" && root.TryGetProperty("resent", out var resent) && resent.ValueKind == JsonValueKind.True);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task RefreshAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.RefreshInterval, _wallClock, _stopping.Token).ConfigureAwait(false);
                await SyncAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException and not ObjectDisposedException)
            {
                // The store is unavailable: the loops keep running; the next refresh tries again.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    // Makes the running loops match the stored registrations (new, replaced URL, removed).
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var registered = await _store.ListWebhooksAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var wanted = registered.ToDictionary(w => w.Partner, StringComparer.Ordinal);
            List<string> stale;
            lock (_loops)
            {
                stale = [.. _loops.Where(l => !wanted.TryGetValue(l.Key, out var w) || w.Url != l.Value.Url.AbsoluteUri).Select(l => l.Key)];
            }

            foreach (var partner in stale)
            {
                await StopLoopAsync(partner).ConfigureAwait(false);
            }

            foreach (var w in registered)
            {
                bool running;
                lock (_loops)
                {
                    running = _loops.ContainsKey(w.Partner);
                }

                if (!running && Uri.TryCreate(w.Url, UriKind.Absolute, out var url))
                {
                    StartLoop(w.Partner, url, w.Cursor);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartLoop(string partner, Uri url, long cursor)
    {
        var loop = new WebhookLoop(partner, url, cursor);
        lock (_loops)
        {
            _loops[partner] = loop;
        }

        loop.Task = Task.Run(() => RunAsync(loop), CancellationToken.None);
    }

    private async Task StopLoopAsync(string partner)
    {
        WebhookLoop? loop;
        lock (_loops)
        {
            if (_loops.Remove(partner, out loop) is false)
            {
                return;
            }
        }

        await loop!.Stop.CancelAsync().ConfigureAwait(false);
        await loop.Task.ConfigureAwait(false);
        loop.Stop.Dispose();
    }

    private async Task RunAsync(WebhookLoop loop)
    {
        var token = loop.Stop.Token;
        while (!token.IsCancellationRequested)
        {
            var scanned = loop.Cursor;
            try
            {
                if (!_hub.IsLeader)
                {
                    // Another instance of the hub delivers; this one takes over from the stored cursor when it leads.
                    await Task.Delay(LeaderPoll, _wallClock, token).ConfigureAwait(false);
                    continue;
                }

                if (await _store.GetWebhookAsync(loop.Partner, token).ConfigureAwait(false) is not { } stored)
                {
                    break;
                }

                loop.Url = Uri.TryCreate(stored.Url, UriKind.Absolute, out var url) ? url : loop.Url;
                loop.Cursor = Math.Max(loop.Cursor, stored.Cursor);
                scanned = loop.Cursor;
                await foreach (var e in _hub.Feed.ReadAsync(loop.Cursor, token).ConfigureAwait(false))
                {
                    if (!_hub.IsLeader)
                    {
                        break;
                    }

                    if (Project(loop.Partner, e) is not null)
                    {
                        await DeliverAsync(loop, e, token).ConfigureAwait(false);
                        await AdvanceAsync(loop, e.Sequence).ConfigureAwait(false);
                    }
                    else if (e.Sequence - loop.Cursor >= Options.SkipPersistEvery)
                    {
                        await AdvanceAsync(loop, e.Sequence).ConfigureAwait(false);
                    }

                    scanned = e.Sequence;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A store error (or the feed shutting down): start over from the durable cursor after a pause.
                loop.Failed(_wallClock.GetUtcNow(), "dispatcher: " + e.Message);
                try
                {
                    await Task.Delay(Options.RetryMaxDelay, _wallClock, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                if (scanned > loop.Cursor && _hub.IsLeader)
                {
                    // Events passed over since the last stored cursor are not addressed to the partner; storing
                    // the position saves a re-scan. Best effort: losing it costs only that re-scan.
                    try
                    {
                        await AdvanceAsync(loop, scanned).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        loop.Failed(_wallClock.GetUtcNow(), "dispatcher: " + e.Message);
                    }
                }
            }
        }
    }

    private async Task AdvanceAsync(WebhookLoop loop, long sequence)
    {
        await _store.AdvanceWebhookCursorAsync(loop.Partner, sequence, CancellationToken.None).ConfigureAwait(false);
        if (sequence > loop.Cursor)
        {
            loop.Cursor = sequence;
        }
    }

    // Returns once the receiver answered 2xx; throws OperationCanceledException when the loop stops first.
    private async Task DeliverAsync(WebhookLoop loop, EventRecord e, CancellationToken token)
    {
        await _pipeline.ExecuteAsync(
            static async (state, attemptToken) => await state.Self.AttemptAsync(state.Loop, state.Event, state.Token, attemptToken).ConfigureAwait(false),
            (Self: this, Loop: loop, Event: e, Token: token),
            token).ConfigureAwait(false);
    }

    private async Task<bool> AttemptAsync(WebhookLoop loop, EventRecord e, CancellationToken loopToken, CancellationToken attemptToken)
    {
        // Projected afresh on every attempt: a release withdrawn during an outage is honoured by the retries.
        if (Project(loop.Partner, e) is not { } delivery)
        {
            return true;
        }

        var now = _wallClock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, loop.Url)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.TimestampHeader, now.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_signer, now, delivery.Body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                loop.Succeeded(_wallClock.GetUtcNow());
                return true;
            }

            loop.Failed(_wallClock.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"));
            return false;
        }
        catch (OperationCanceledException) when (!loopToken.IsCancellationRequested)
        {
            loop.Failed(_wallClock.GetUtcNow(), "timed out");
            throw;
        }
        catch (HttpRequestException x)
        {
            loop.Failed(_wallClock.GetUtcNow(), x.Message);
            throw;
        }
    }

    private async Task<(long Count, bool Exact)> CountPendingAsync(string partner, long cursor, CancellationToken cancellationToken)
    {
        var last = _hub.Feed.LastSequence;
        long count = 0, scanned = 0, after = cursor;
        while (after < last)
        {
            if (scanned >= Options.PendingScanLimit)
            {
                return (count, false);
            }

            var page = await _events.ReadEventsAsync(after, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page)
            {
                if (e.Sequence > last)
                {
                    return (count, true);
                }

                count += IsFor(partner, e) ? 1 : 0;
                after = e.Sequence;
            }

            scanned += page.Count;
        }

        return (count, true);
    }
}
