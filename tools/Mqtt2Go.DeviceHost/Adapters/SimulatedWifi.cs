using System;
using System.Collections.Generic;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.DeviceHost.Adapters;

/// <summary>A simulated access point: WPS push-button hands out its credentials, joining checks them.</summary>
/// <remarks>The desktop has no radio; the network itself is the real loopback, so "joined" only gates the core's flow.</remarks>
public sealed class SimulatedWifi : IWifiLink
{
    private readonly WifiCredentials _accessPoint;

    /// <summary>Creates the simulation for an access point with these credentials.</summary>
    public SimulatedWifi(string ssid, string passphrase)
    {
        _accessPoint = new WifiCredentials(ssid, passphrase);
    }

    /// <summary>
    /// A second access point in range: the local gateway's guest network (MQTT2GO 1.1 guest-Wi-Fi variant), or null. On
    /// loopback both "networks" reach the same brokers; joining only gates the core's flow, as for the home network.
    /// </summary>
    public WifiCredentials GuestNetwork { get; set; }

    /// <summary>Every network joined, in order (SSIDs only: tests check the path, never print a passphrase).</summary>
    public List<string> JoinedSsids { get; } = [];

    /// <summary>When false, WPS reports that this image has no WPS (like a stock nanoCLR).</summary>
    public bool WpsSupported { get; set; } = true;

    /// <summary>How many WPS attempts time out before one succeeds (to exercise the retry path).</summary>
    public int WpsTimeoutsBeforeSuccess { get; set; }

    /// <summary>Number of WPS runs, for tests.</summary>
    public int WpsRuns { get; private set; }

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <inheritdoc />
    public WifiJoinResult Join(WifiCredentials credentials, int timeoutMs)
    {
        if (credentials == null) throw new ArgumentNullException(nameof(credentials));
        OnTemporaryNetwork = false;
        WifiCredentials network = credentials.Ssid == _accessPoint.Ssid ? _accessPoint
            : GuestNetwork != null && credentials.Ssid == GuestNetwork.Ssid ? GuestNetwork : null;
        if (network == null)
        {
            IsConnected = false;
            return new WifiJoinResult(WifiJoinStatus.NetworkNotFound, null, $"SSID '{credentials.Ssid}' not in range");
        }
        if (credentials.Passphrase != network.Passphrase)
        {
            IsConnected = false;
            return new WifiJoinResult(WifiJoinStatus.WrongPassphrase, null, "4-way handshake failed");
        }
        IsConnected = true;
        JoinedSsids.Add(credentials.Ssid);
        return new WifiJoinResult(WifiJoinStatus.Connected, credentials, "simulated association, IP 127.0.0.1");
    }

    /// <summary>Joins without storing: the simulation stores nothing outside the core's checkpoint, so this is <see cref="Join"/>,
    /// counted in <see cref="TemporaryJoins"/>.</summary>
    public WifiJoinResult JoinTemporarily(WifiCredentials credentials, int timeoutMs)
    {
        TemporaryJoins++;
        var result = Join(credentials, timeoutMs);
        OnTemporaryNetwork = result.IsConnected;
        return result;
    }

    /// <summary>True while on a network joined with <see cref="JoinTemporarily"/> (the guest network).</summary>
    public bool OnTemporaryNetwork { get; private set; }

    /// <summary>How many times the guest network was left (tests: it is never left joined).</summary>
    public int TemporaryNetworksLeft { get; private set; }

    /// <inheritdoc />
    public void LeaveTemporaryNetwork()
    {
        if (OnTemporaryNetwork)
        {
            OnTemporaryNetwork = false;
            IsConnected = false;
            TemporaryNetworksLeft++;
        }
    }

    /// <summary>Joins made with <see cref="JoinTemporarily"/>.</summary>
    public int TemporaryJoins { get; private set; }

    /// <inheritdoc />
    public void Forget()
    {
        IsConnected = false; // nothing is stored outside the core's own checkpoint here
        OnTemporaryNetwork = false;
    }

    /// <inheritdoc />
    public WifiJoinResult JoinByWps(int timeoutMs)
    {
        WpsRuns++;
        if (!WpsSupported)
        {
            return new WifiJoinResult(WifiJoinStatus.WpsNotSupported, null, "no WPS in this image");
        }
        if (WpsRuns <= WpsTimeoutsBeforeSuccess)
        {
            return new WifiJoinResult(WifiJoinStatus.WpsTimeout, null, "no registrar within the walk time (simulated)");
        }
        return Join(_accessPoint, timeoutMs);
    }
}
