using Mqtt2Go.ReferenceBroker.Protocol;

namespace Mqtt2Go.ReferenceBroker.Controller;

/// <summary>A report the controller received.</summary>
/// <param name="Topic">The topic it arrived on.</param>
/// <param name="Envelope">The parsed report.</param>
/// <param name="Json">The raw JSON text (for printing).</param>
public sealed record ControllerReport(string Topic, Envelope Envelope, string Json);
