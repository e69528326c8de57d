using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>A scripted Wi-Fi link: each join or WPS attempt takes the next scripted status (Connected when the script is empty).</summary>
    public sealed class FakeWifi : IWifiLink
    {
        private readonly IClock _clock;
        private readonly ArrayList _joinScript = new ArrayList();
        private readonly ArrayList _wpsScript = new ArrayList();

        /// <summary>Creates a link that connects at once, with WPS delivering <see cref="WpsCredentials"/>.</summary>
        public FakeWifi(IClock clock)
        {
            _clock = clock;
            WpsCredentials = new WifiCredentials("HomeNet", "wps-delivered-passphrase-42");
            JoinDurationMs = 1000;
            WpsDurationMs = 5000;
            Joined = new ArrayList();
        }

        /// <summary>What a successful WPS delivers.</summary>
        public WifiCredentials WpsCredentials { get; set; }

        /// <summary>Time a successful join takes.</summary>
        public int JoinDurationMs { get; set; }

        /// <summary>Time a successful WPS takes (a failed one takes its whole timeout).</summary>
        public int WpsDurationMs { get; set; }

        /// <summary>Join attempts.</summary>
        public int JoinCount { get; private set; }

        /// <summary>WPS attempts.</summary>
        public int WpsCount { get; private set; }

        /// <summary>The credentials of every join, in order.</summary>
        public ArrayList Joined { get; private set; }

        /// <summary>The credentials of the last join.</summary>
        public WifiCredentials LastJoined { get; private set; }

        /// <summary>True while joined.</summary>
        public bool IsConnected { get; set; }

        /// <summary>Number of <see cref="Forget"/> calls.</summary>
        public int ForgetCount { get; private set; }

        /// <summary>Drops the link and counts the call.</summary>
        public void Forget()
        {
            ForgetCount++;
            IsConnected = false;
            OnTemporaryNetwork = false;
        }

        /// <summary>Scripts the next join outcomes.</summary>
        public void ScriptJoin(WifiJoinStatus status, int times)
        {
            for (int i = 0; i < times; i++)
            {
                _joinScript.Add(status);
            }
        }

        /// <summary>Forgets the scripted join outcomes.</summary>
        public void ClearJoinScript()
        {
            _joinScript.Clear();
        }

        /// <summary>Forgets the scripted WPS outcomes.</summary>
        public void ClearWpsScript()
        {
            _wpsScript.Clear();
        }

        /// <summary>Scripts the next WPS outcomes.</summary>
        public void ScriptWps(WifiJoinStatus status, int times)
        {
            for (int i = 0; i < times; i++)
            {
                _wpsScript.Add(status);
            }
        }

        /// <summary>Joins by the script.</summary>
        public WifiJoinResult Join(WifiCredentials credentials, int timeoutMs)
        {
            JoinCount++;
            OnTemporaryNetwork = false;
            LastJoined = credentials;
            Joined.Add(credentials);
            WifiJoinStatus status = Next(_joinScript);
            _clock.Sleep(status == WifiJoinStatus.Connected ? JoinDurationMs : timeoutMs);
            IsConnected = status == WifiJoinStatus.Connected;
            return new WifiJoinResult(status, IsConnected ? credentials : null, "fake join");
        }

        /// <summary>Joins by the same script, without storing (counted in <see cref="TemporaryJoinCount"/>).</summary>
        public WifiJoinResult JoinTemporarily(WifiCredentials credentials, int timeoutMs)
        {
            TemporaryJoinCount++;
            WifiJoinResult result = Join(credentials, timeoutMs);
            OnTemporaryNetwork = result.IsConnected;
            return result;
        }

        /// <summary>True while joined to a network joined with <see cref="JoinTemporarily"/>.</summary>
        public bool OnTemporaryNetwork { get; private set; }

        /// <summary>Number of <see cref="LeaveTemporaryNetwork"/> calls.</summary>
        public int LeaveCount { get; private set; }

        /// <summary>Number of <see cref="LeaveTemporaryNetwork"/> calls made while on a temporary network.</summary>
        public int TemporaryNetworksLeft { get; private set; }

        /// <summary>Drops a temporary link and counts the call.</summary>
        public void LeaveTemporaryNetwork()
        {
            LeaveCount++;
            if (OnTemporaryNetwork)
            {
                TemporaryNetworksLeft++;
                OnTemporaryNetwork = false;
                IsConnected = false;
            }
        }

        /// <summary>Joins made with <see cref="JoinTemporarily"/> (the guest network).</summary>
        public int TemporaryJoinCount { get; private set; }

        /// <summary>Runs WPS by the script.</summary>
        public WifiJoinResult JoinByWps(int timeoutMs)
        {
            WpsCount++;
            OnTemporaryNetwork = false;
            WifiJoinStatus status = Next(_wpsScript);
            if (status != WifiJoinStatus.WpsNotSupported)
            {
                _clock.Sleep(status == WifiJoinStatus.Connected ? WpsDurationMs : timeoutMs);
            }

            IsConnected = status == WifiJoinStatus.Connected;
            return new WifiJoinResult(status, IsConnected ? WpsCredentials : null, "fake WPS");
        }

        private static WifiJoinStatus Next(ArrayList script)
        {
            if (script.Count == 0)
            {
                return WifiJoinStatus.Connected;
            }

            WifiJoinStatus status = (WifiJoinStatus)script[0];
            script.RemoveAt(0);
            return status;
        }
    }
}
