namespace Mqtt2Go.ReferenceBroker.Storage;

/// <summary>Result of a hand-over attempt: the status and, when known, the entry.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Entry">The entry (null for <see cref="HandOverStatus.Unknown"/>).</param>
public sealed record HandOverResult(HandOverStatus Status, DiscoveryEntry? Entry);
