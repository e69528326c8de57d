using System.Collections;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Tests.Fakes
{
    /// <summary>A scripted device access point: each <see cref="Accept"/> takes the next scripted phone (arriving after its
    /// delay) or waits the whole timeout.</summary>
    public sealed class FakeAccessPoint : IAccessPoint
    {
        private readonly IClock _clock;
        private readonly ArrayList _phones = new ArrayList();

        /// <summary>Creates an access point that opens and has no phone coming.</summary>
        public FakeAccessPoint(IClock clock)
        {
            _clock = clock;
            Served = new ArrayList();
        }

        /// <summary>When set, <see cref="Open"/> fails with this problem.</summary>
        public string RefuseOpen { get; set; }

        /// <summary>SSID of the last open.</summary>
        public string Ssid { get; private set; }

        /// <summary>Passphrase of the last open.</summary>
        public string Passphrase { get; private set; }

        /// <summary>Successful opens.</summary>
        public int OpenCount { get; private set; }

        /// <summary>Closes of an open access point.</summary>
        public int CloseCount { get; private set; }

        /// <summary>Every phone handed to the device, in order.</summary>
        public ArrayList Served { get; private set; }

        /// <inheritdoc />
        public bool IsOpen { get; private set; }

        /// <summary>A phone that connects this many milliseconds after the device starts waiting.</summary>
        public FakePhone AddPhone(long afterMs)
        {
            FakePhone phone = new FakePhone(_clock, afterMs);
            _phones.Add(phone);
            return phone;
        }

        /// <inheritdoc />
        public bool Open(string ssid, string passphrase, out string problem)
        {
            problem = RefuseOpen;
            if (problem != null)
            {
                return false;
            }

            Ssid = ssid;
            Passphrase = passphrase;
            OpenCount++;
            IsOpen = true;
            return true;
        }

        /// <inheritdoc />
        public ISetupConnection Accept(int timeoutMs)
        {
            if (!IsOpen || _phones.Count == 0 || ((FakePhone)_phones[0]).AfterMs > timeoutMs)
            {
                _clock.Sleep(timeoutMs);
                return null;
            }

            FakePhone phone = (FakePhone)_phones[0];
            _phones.RemoveAt(0);
            _clock.Sleep((int)phone.AfterMs);
            Served.Add(phone);
            return phone;
        }

        /// <inheritdoc />
        public void Close()
        {
            if (IsOpen)
            {
                CloseCount++;
            }

            IsOpen = false;
        }
    }
}
