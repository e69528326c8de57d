using System.Runtime.CompilerServices;

// The tests check internal diagnostics (wake-pipe draining, TLS error text parsing).
[assembly: InternalsVisibleTo("Mqtt2Go.Mosquitto.Tests")]
