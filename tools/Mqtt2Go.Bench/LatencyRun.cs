using Mqtt2Go.Device.Core.Provisioning;

namespace Mqtt2Go.Bench;

/// <summary>What one sequential provisioning run measured (milliseconds unless named otherwise).</summary>
internal sealed class LatencyRun
{
    /// <summary>The state the run settled in.</summary>
    public ProvisioningState Final { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public FailureReason Failure { get; init; }

    /// <summary>controller activate_device published → cloud answered "pending" (not part of the device latency).</summary>
    public double AddMs { get; init; }

    /// <summary>Wi-Fi up (AwaitClock entry) → Operational.</summary>
    public double TotalMs { get; init; }

    /// <summary>AwaitClock → ConnectDiscovery (wall-clock check).</summary>
    public double ClockMs { get; init; }

    /// <summary>ConnectDiscovery → AwaitBrokerData: TCP + TLS + CONNACK, SUBSCRIBE and PUBLISH queued.</summary>
    public double DiscoveryConnectMs { get; init; }

    /// <summary>AwaitBrokerData → ConnectBroker.</summary>
    public double BrokerDataWaitMs { get; init; }

    /// <summary>AwaitBrokerData entry → broker data reached the adapter (Discovery round trip).</summary>
    public double BrokerDataReplyMs { get; init; }

    /// <summary>Broker data at the adapter → ConnectBroker entry (inbox pickup + validation + checkpoint + close).</summary>
    public double BrokerDataAfterArrivalMs { get; init; }

    /// <summary>ConnectBroker → AwaitTopics: TCP + TLS + CONNACK, SUBSCRIBE and PUBLISH queued.</summary>
    public double CloudConnectMs { get; init; }

    /// <summary>AwaitTopics → SubscribeTopics.</summary>
    public double TopicsWaitMs { get; init; }

    /// <summary>AwaitTopics entry → topics reached the adapter (cloud service + controller rename round trip).</summary>
    public double TopicsReplyMs { get; init; }

    /// <summary>Topics at the adapter → SubscribeTopics entry (inbox pickup + validation + checkpoint).</summary>
    public double TopicsAfterArrivalMs { get; init; }

    /// <summary>SubscribeTopics → Operational (SUBSCRIBE and two PUBLISHes queued).</summary>
    public double SubscribeMs { get; init; }

    /// <summary>Time in IMqttSession.Close during the run (the Discovery session's DISCONNECT).</summary>
    public double CloseMs { get; init; }

    /// <summary>Time in checkpoint writes during the run (fsync'd files).</summary>
    public double StoreWriteMs { get; init; }

    /// <summary>Sleep calls the core made between Wi-Fi up and Operational.</summary>
    public int Sleeps { get; init; }

    /// <summary>Signalled waits (IClock.Wait) between Wi-Fi up and Operational.</summary>
    public int Waits { get; init; }

    /// <summary>Of those, waits that ended by their timeout slice rather than by a message.</summary>
    public int WaitTimeouts { get; init; }

    /// <summary>Wall time inside those sleeps.</summary>
    public double SleptMs { get; init; }

    /// <summary>Connect attempts = TLS handshakes.</summary>
    public int Handshakes { get; init; }

    /// <summary>PUBLISH packets sent.</summary>
    public int Publishes { get; init; }

    /// <summary>SUBSCRIBE packets sent.</summary>
    public int Subscribes { get; init; }

    /// <summary>Messages received (including the echoes of the device's own requests).</summary>
    public int MessagesReceived { get; init; }

    /// <summary>Retried transitions.</summary>
    public int Retries { get; init; }

    /// <summary>Last warnings, for failed runs.</summary>
    public string[] Warnings { get; init; } = [];
}
