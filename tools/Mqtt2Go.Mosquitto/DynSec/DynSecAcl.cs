namespace Mqtt2Go.Mosquitto.DynSec;

/// <summary>One dynamic-security ACL entry of a role.</summary>
/// <param name="AclType">publishClientSend, publishClientReceive, subscribeLiteral, subscribePattern, unsubscribeLiteral or unsubscribePattern.</param>
/// <param name="Topic">Topic filter; dynsec 2.0.11 does not expand %u or %c.</param>
/// <param name="Allow">Allow (true) or deny (false).</param>
/// <param name="Priority">Higher priority entries are checked first.</param>
public sealed record DynSecAcl(string AclType, string Topic, bool Allow = true, int Priority = 0);
