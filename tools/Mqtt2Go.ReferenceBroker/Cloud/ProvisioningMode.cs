namespace Mqtt2Go.ReferenceBroker.Cloud;

/// <summary>Where a <see cref="ProvisioningService"/> runs.</summary>
public enum ProvisioningMode
{
    /// <summary>Cloud broker: registers activations at the Discovery server (remote-broker flow).</summary>
    Cloud,

    /// <summary>Local gateway: answers GET_CREDENTIALS itself on <c>&lt;code&gt;/activation</c> (1.1 local branch).</summary>
    LocalGateway,
}
