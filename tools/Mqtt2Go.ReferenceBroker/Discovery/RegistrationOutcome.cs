namespace Mqtt2Go.ReferenceBroker.Discovery;

/// <summary>Result of a Discovery registration: HTTP status and, for failures, the error reason.</summary>
/// <param name="StatusCode">201 on success, a 4xx otherwise.</param>
/// <param name="Error">The <c>{"error":…}</c> reason, null on success.</param>
/// <param name="ExpiresAt">When the new entry expires (success only).</param>
public sealed record RegistrationOutcome(int StatusCode, string? Error, DateTimeOffset? ExpiresAt = null);
