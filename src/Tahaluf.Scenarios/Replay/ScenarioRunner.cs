using System.Collections.Immutable;
using System.Globalization;
using Tahaluf.Domain;
using Tahaluf.Hub;
using Tahaluf.Hub.Tracks;
using Tahaluf.Scenarios.Loading;
using Tahaluf.Scenarios.Model;
using Tahaluf.Scenarios.Timing;
using Tahaluf.Scenarios.Tracks;
using Tahaluf.Server;
using Tahaluf.Server.Auth;

namespace Tahaluf.Scenarios.Replay;

/// <summary>
/// Replays a loaded scenario into a hub on a <see cref="SimulatedClock"/>: registers the partners (keeping their
/// tokens), sets agreements, makes declarations, posts interpolated track reports, and acknowledges
/// notifications on the partners' behalf as the scenario's ack policies say. After each step it runs a
/// prediction cycle (after track reports) and a deadline check, so the outcome does not depend on the hub's
/// own timers. Two ways to drive it: <see cref="AdvanceToAsync"/> jumps the clock from step to step (tests,
/// quiet hours), <see cref="RunAsync"/> plays the clock's segments in scaled real time (the demo).
/// Not thread-safe: drive one runner from one task.
/// </summary>
public sealed class ScenarioRunner
{
    private readonly HubService _hub;
    private readonly LoadedScenario _scenario;
    private readonly SimulatedClock _clock;
    private readonly TextWriter _log;
    private readonly PriorityQueue<ReplayStep, (DateTimeOffset At, long Seq)> _queue = new();
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenNotifications = new(StringComparer.Ordinal);
    private readonly List<AckRecord> _acks = [];
    private readonly List<string> _refusals = [];
    private long _seq;

    /// <summary>Creates a runner; nothing happens until <see cref="RegisterAsync"/>.</summary>
    /// <param name="hub">The hub (its clock must be <paramref name="clock"/>).</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="clock">The simulated clock.</param>
    /// <param name="log">Where to narrate, or null for silence.</param>
    public ScenarioRunner(HubService hub, LoadedScenario scenario, SimulatedClock clock, TextWriter? log = null)
    {
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _log = log ?? TextWriter.Null;
        BuildSteps();
    }

    /// <summary>Creates a runner over a running hub server (started with <paramref name="clock"/> as its <see cref="ServerSettings.Time"/>).</summary>
    /// <param name="server">The server.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="clock">The simulated clock.</param>
    /// <param name="log">Where to narrate, or null for silence.</param>
    public ScenarioRunner(HubServer server, LoadedScenario scenario, SimulatedClock clock, TextWriter? log = null)
        : this((server ?? throw new ArgumentNullException(nameof(server))).Hub, scenario, clock, log)
    {
    }

    /// <summary>Bearer tokens by partner id (after <see cref="RegisterAsync"/>).</summary>
    public IReadOnlyDictionary<string, string> Tokens => _tokens;

    /// <summary>The acknowledgements made so far.</summary>
    public IReadOnlyList<AckRecord> Acks => _acks;

    /// <summary>Steps the hub refused (a scenario bug), as messages; empty when all went through.</summary>
    public IReadOnlyList<string> Refusals => _refusals;

    /// <summary>Track report counts posted so far.</summary>
    public long TrackReportsPosted { get; private set; }

    /// <summary>Registers the partners with fresh tokens and sets the agreements that have no time.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The hub refused a partner or an agreement.</exception>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var spec in _scenario.File.Partners)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = PartnerToken.Create();
            var added = await _hub.AddPartnerAsync(ScenarioLoader.ToPartner(spec), token).ConfigureAwait(false);
            if (!added.Success)
            {
                throw new InvalidOperationException($"The hub refused partner {spec.Id}: {added.Error!.Message}");
            }

            _tokens[spec.Id] = token;
        }

        foreach (var (at, agreement, _) in _scenario.Agreements)
        {
            if (at is null)
            {
                var set = await _hub.SetAgreementAsync(agreement).ConfigureAwait(false);
                if (!set.Success)
                {
                    throw new InvalidOperationException($"The hub refused agreement {agreement.Owner}->{agreement.Recipient}: {set.Error!.Message}");
                }
            }
        }
    }

    /// <summary>
    /// Executes every step due at or before <paramref name="until"/>, jumping the clock to each step's time
    /// (the clock never goes back), then jumps to <paramref name="until"/>.
    /// </summary>
    /// <param name="until">Simulated time to reach, UTC.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public async Task AdvanceToAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        await ExecuteDueAsync(until, jump: true, cancellationToken).ConfigureAwait(false);
        _clock.JumpTo(until);
        await _hub.CheckDeadlinesAsync().ConfigureAwait(false);
        ScheduleAcks();
        await ExecuteDueAsync(until, jump: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Plays the scenario: each clock segment in scaled real time at its speed, the time between segments jumped
    /// over (its steps executed at once), then everything up to the clock's end. The clock is left paused at the end.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clockSpec = _scenario.File.Clock;
        var segments = clockSpec.Segments.Count > 0
            ? clockSpec.Segments
            : [new ClockSegment { From = clockSpec.Start, To = clockSpec.End, Speed = clockSpec.Speed }];
        foreach (var segment in segments)
        {
            _clock.Speed = 0;
            await AdvanceToAsync(segment.From, cancellationToken).ConfigureAwait(false);
            var speed = segment.Speed > 0 ? segment.Speed : clockSpec.Speed;
            Say(segment.From, $"== {segment.Title ?? "segment"} (x{speed.ToString("0.#", CultureInfo.InvariantCulture)}, until {Time(segment.To)})");
            _clock.Speed = speed;
            while (true)
            {
                var now = _clock.GetUtcNow();
                if (now >= segment.To)
                {
                    break;
                }

                await ExecuteDueAsync(now, jump: false, cancellationToken).ConfigureAwait(false);
                var next = _queue.TryPeek(out _, out var priority) && priority.At < segment.To ? priority.At : segment.To;
                var wait = _clock.ToReal(next - _clock.GetUtcNow());
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : wait, cancellationToken).ConfigureAwait(false);
            }
        }

        _clock.Speed = 0;
        await AdvanceToAsync(clockSpec.End, cancellationToken).ConfigureAwait(false);
        Say(_clock.GetUtcNow(), "== end of the scenario");
    }

    private async Task ExecuteDueAsync(DateTimeOffset until, bool jump, CancellationToken cancellationToken)
    {
        while (_queue.TryPeek(out var step, out var priority) && priority.At <= until)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _queue.Dequeue();
            if (jump)
            {
                _clock.JumpTo(step.At);
            }

            await step.Action().ConfigureAwait(false);
            if (step.MovesTracks)
            {
                await _hub.PredictNowAsync().ConfigureAwait(false);
            }

            await _hub.CheckDeadlinesAsync().ConfigureAwait(false);
            ScheduleAcks();
        }
    }

    private void BuildSteps()
    {
        foreach (var (at, agreement, note) in _scenario.Agreements)
        {
            if (at is { } time)
            {
                Enqueue(time, false, async () =>
                {
                    var set = await _hub.SetAgreementAsync(agreement).ConfigureAwait(false);
                    Report(time, set.Success, $"agreement {agreement.Owner} -> {agreement.Recipient} {WireNames.Of(agreement.Kind)}: {WireNames.Of(agreement.Level)}", note, set.Error?.Message);
                });
            }
        }

        foreach (var d in _scenario.Declarations)
        {
            Enqueue(d.At, false, async () =>
            {
                var put = await _hub.PutItemAsync(d.Partner, d.Kind, d.Id, d.Body, null, []).ConfigureAwait(false);
                Report(d.At, put.Success, $"{d.Partner} declares {WireNames.Of(d.Kind)} {d.Id}", d.Note, put.Error is { } e ? $"{e.Code} {e.Field}: {e.Message}" : null);
            });
        }

        var reports = _scenario.Tracks
            .SelectMany(t => TrackInterpolator.Interpolate(t).Select(r => (t.Partner, Report: r)))
            .GroupBy(p => p.Report.Time);
        foreach (var group in reports)
        {
            var byPartner = group.GroupBy(p => p.Partner).Select(g => (Partner: g.Key, Reports: (IReadOnlyList<TrackReport>)[.. g.Select(p => p.Report)])).ToList();
            Enqueue(group.Key, true, () =>
            {
                foreach (var (partner, batch) in byPartner)
                {
                    var result = _hub.ReportTracks(partner, batch);
                    TrackReportsPosted += batch.Count;
                    if (!result.Success)
                    {
                        _refusals.Add($"{Time(group.Key)} tracks from {partner}: {result.Error!.Message}");
                    }
                    else if (result.Value!.Rejected.Count > 0)
                    {
                        _refusals.Add($"{Time(group.Key)} tracks from {partner}: {result.Value.Rejected.Count} rejected");
                    }
                }

                return Task.CompletedTask;
            });
        }
    }

    private void ScheduleAcks()
    {
        foreach (var n in _hub.Snapshot.Notifications.Values)
        {
            if (n.AcknowledgedAt is not null || !_seenNotifications.Add(n.Id))
            {
                continue;
            }

            var kind = n.ConflictId is null ? "item" : "conflict";
            var conflict = n.ConflictId is { } conflictId && _hub.Snapshot.Conflicts.TryGetValue(conflictId, out var c) ? c : null;
            var counterpart = conflict is null ? null : conflict.A.Owner == n.Recipient ? conflict.B.Owner : conflict.A.Owner;
            var policy = _scenario.File.Acks.FirstOrDefault(p =>
                p.Partner == n.Recipient && p.Kind == kind && (p.From is null || n.CreatedAt >= p.From) && (p.To is null || n.CreatedAt < p.To)
                && (p.Counterpart is null || p.Counterpart == counterpart));
            if (conflict is not null)
            {
                // The log is the operator's view, not a partner's: it names both items.
                Say(n.CreatedAt, $"ALERT to {n.Recipient}: {WireNames.Of(conflict.Source)} conflict {Describe(conflict.A.Item)} / {Describe(conflict.B.Item)}"
                    + (policy?.AfterS is null ? $" — {n.Recipient} will not acknowledge" : ""));
            }

            if (policy?.AfterS is not { } delay)
            {
                continue;
            }

            var at = n.CreatedAt.AddSeconds(delay);
            var now = _clock.GetUtcNow();
            Enqueue(at < now ? now : at, false, async () =>
            {
                var acked = await _hub.AcknowledgeAsync(n.Recipient, n.Id, ImmutableArray<byte>.Empty).ConfigureAwait(false);
                var when = _clock.GetUtcNow();
                if (acked.Success)
                {
                    _acks.Add(new AckRecord(n.Recipient, n.Id, when, acked.Value.LedgerIndex));
                    Say(when, $"{n.Recipient} acknowledges {kind} notification {n.Id} (ledger entry {acked.Value.LedgerIndex.ToString(CultureInfo.InvariantCulture)})");
                }
                else
                {
                    _refusals.Add($"{Time(when)} ack of {n.Id} by {n.Recipient}: {acked.Error!.Message}");
                }
            });
        }
    }

    private void Enqueue(DateTimeOffset at, bool movesTracks, Func<Task> action) =>
        _queue.Enqueue(new ReplayStep(at, action, movesTracks), (at, _seq++));

    private void Report(DateTimeOffset at, bool success, string what, string? note, string? error)
    {
        if (success)
        {
            Say(at, note is null ? what : $"{what} — {note}");
        }
        else
        {
            _refusals.Add($"{Time(at)} {what}: {error}");
            Say(at, $"REFUSED {what}: {error}");
        }
    }

    private void Say(DateTimeOffset at, string text) => _log.WriteLine($"[{Time(at)}] {text}");

    private static string Describe(Tahaluf.Domain.Items.ItemRef item) => $"{WireNames.Of(item.Kind)} {item.Id} ({item.Owner})";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
