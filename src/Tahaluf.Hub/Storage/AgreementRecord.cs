namespace Tahaluf.Hub.Storage;

/// <summary>A stored agreement: owner releases items of one kind to a recipient at a level.</summary>
/// <param name="Owner">Releasing partner id.</param>
/// <param name="Recipient">Receiving partner id.</param>
/// <param name="Kind">Item kind name (<c>operation</c>, <c>zone</c>, <c>track</c>, <c>report</c>).</param>
/// <param name="Level">Release level name (<c>none</c>, <c>safety</c>, <c>envelope</c>, <c>full</c>).</param>
public sealed record AgreementRecord(string Owner, string Recipient, string Kind, string Level);
