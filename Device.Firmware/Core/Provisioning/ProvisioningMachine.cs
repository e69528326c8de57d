using System;
using Mqtt2Go.Device.Core.Configuration;
using Mqtt2Go.Device.Core.Mdns;
using Mqtt2Go.Device.Core.Messages;
using Mqtt2Go.Device.Core.Operation;
using Mqtt2Go.Device.Core.Ports;

namespace Mqtt2Go.Device.Core.Provisioning
{
    /// <summary>The firmware's provisioning state machine: one ordered state enum, one transition function, every wait bounded,
    /// every retry by a <see cref="BackoffPolicy"/>, checkpoints after each step that cannot be repeated cheaply.</summary>
    /// <remarks>
    /// Single-threaded: <see cref="Step"/>, <see cref="RunUntilSettled"/>, <see cref="RunOperational"/> and
    /// <see cref="FactoryReset"/> run on one thread; only <see cref="PressButton"/> may be called from another (GPIO) thread,
    /// and the MQTT adapter's thread only enqueues into the <see cref="MessageInbox"/>. All time comes from the clock port,
    /// so tests fast-forward timeouts, backoff and the activation deadline. See docs/state-machine.md.
    /// </remarks>
    public sealed partial class ProvisioningMachine
    {
        private const int InboxCapacity = 16;
        private const int LocalGatewayAttempts = 2;
        private const int DefaultStaleLimit = 8;

        // A checkpointed broker unreachable by network errors for this long (and at least the stale limit of attempts) is
        // treated as stale too (its server moved): as long as a Discovery entry lives, so a re-added device always finds one.
        private const long UnreachableStaleMs = 15L * 60 * 1000;

        // How long a wait for a reply blocks before it looks at mDNS again while the probe still listens.
        private const int MdnsListenSliceMs = 50;
        private readonly object _buttonSync = new object();
        private readonly DeviceConfiguration _configuration;
        private readonly DevicePorts _ports;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly Mqtt2GoCodec _codec;
        private readonly MessageInbox _inbox;
        private readonly CheckpointStore _checkpoints;
        private readonly SwitchDevice _device;
        private BackoffPolicy _policy;
        private Deadline _deadline;
        private LocalGatewayProbe _probe;
        private FactoryIdentity _identity;
        private ProvisioningSettings _settings;
        private WifiCredentials _wifi;
        private BrokerData _broker;
        private BrokerData _staleBroker;
        private string _activationTopic;
        private string _topicsTopic;
        private bool _brokerFromCheckpoint;
        private bool _brokerFromSettings;
        private bool _everOperational;
        private bool _reactivating;
        private bool _forceWps;
        private bool _wpsUnavailable;
        private bool _shortPress;
        private bool _longPress;
        private bool _retrying;
        private bool _gatewayWaiting;
        private bool _onGuestNetwork;
        private int _droppedReported;
        private bool _invalidSeen;
        private int _staleFailures;
        private int _unreachableFailures;
        private long _unreachableSinceMs = -1;
        private int _attempt = 1;
        private int _lastDelayMs;
        private string _detail;
        private LocalGatewayAnswer _gateway;
        private long _runStartMs;
        private long _runUntilMs;
        private long _nextPeriodicMs;
        private IndicatorPattern _failurePattern = IndicatorPattern.Failed;

        /// <summary>Creates the machine in <see cref="ProvisioningState.Boot"/>; an invalid configuration fails in LoadConfiguration.</summary>
        /// <exception cref="ArgumentNullException">A required port is missing (a wiring error in the composition root).</exception>
        public ProvisioningMachine(DeviceConfiguration configuration, DevicePorts ports)
        {
            if (ports == null || ports.Wifi == null || ports.Mqtt == null || ports.Json == null || ports.Store == null
                || ports.Clock == null || ports.Log == null || ports.Indicator == null || ports.Certificates == null)
            {
                throw new ArgumentNullException("ports", "every port except Mdns and Random is required");
            }

            _configuration = configuration;
            _ports = ports;
            _clock = ports.Clock;
            _log = ports.Log;
            _codec = new Mqtt2GoCodec(ports.Json);
            _inbox = new MessageInbox(_clock, InboxCapacity, Mqtt2GoCodec.MaxPayloadBytes);
            _checkpoints = new CheckpointStore(ports.Store, ports.Json, _codec, _log);
            _device = new SwitchDevice(ports.Mqtt, _codec, ports.Indicator, _clock, _log);
            _ports.Mqtt.SetListener(_inbox);
            State = ProvisioningState.Boot;
            _runStartMs = _clock.NowMs;
            _runUntilMs = _clock.NowMs;
        }

        /// <summary>Raised after every logged transition, on the machine's thread.</summary>
        public event StateChangedHandler StateChanged;

        /// <summary>The current state.</summary>
        public ProvisioningState State { get; private set; }

        /// <summary>Why the machine failed; <see cref="FailureReason.None"/> unless <see cref="State"/> is Failed.</summary>
        public FailureReason Failure { get; private set; }

        /// <summary>What the user can do about the failure, or null; never contains secrets.</summary>
        public string FailureDetail { get; private set; }

        /// <summary>The delivered device topics (first = device topic), or null before AwaitTopics succeeded.</summary>
        public string[] Topics { get; private set; }

        /// <summary>The attempt number within the current phase, 1-based.</summary>
        public int Attempt
        {
            get { return _attempt; }
        }

        /// <summary>The device behaviour served in <see cref="ProvisioningState.Operational"/>.</summary>
        public SwitchDevice Device
        {
            get { return _device; }
        }

        /// <summary>Performs ONE transition; returns false once the machine is Failed (a button press makes it true again).</summary>
        public bool Step()
        {
            bool longPress;
            bool shortPress;
            lock (_buttonSync)
            {
                longPress = _longPress;
                shortPress = _shortPress && State == ProvisioningState.Failed;
                if (_shortPress && State != ProvisioningState.Failed)
                {
                    // Before a failure a short press means "use WPS at the next Wi-Fi join" (docs/flashing.md, BOOT button).
                    _forceWps = true;
                }

                _longPress = false;

                // A short press only means something after a failure; one made earlier must not restart a later failure.
                _shortPress = false;
            }

            if (longPress)
            {
                FactoryReset();
                return true;
            }

            ProvisioningState from = State;
            _detail = null;
            _retrying = false;
            ProvisioningState to;
            if (from == ProvisioningState.Failed)
            {
                if (!shortPress)
                {
                    return false;
                }

                // A short press after a failure restarts provisioning and joins by WPS (the user is at the device).
                lock (_buttonSync)
                {
                    _forceWps = true;
                }

                _detail = "button pressed: restarting with WPS";
                to = ProvisioningState.Boot;
            }
            else
            {
                to = Transition(from);
            }

            Commit(from, to);
            return to != ProvisioningState.Failed;
        }

        /// <summary>Steps until Operational or Failed and returns that state.</summary>
        public ProvisioningState RunUntilSettled()
        {
            while (State != ProvisioningState.Operational && State != ProvisioningState.Failed)
            {
                Step();
            }

            return State;
        }

        /// <summary>Serves commands, periodic status and reconnects until the clock reaches untilMs (device: long.MaxValue) or the machine fails.</summary>
        public void RunOperational(long untilMs)
        {
            _runUntilMs = untilMs;
            while (_clock.NowMs < untilMs)
            {
                if (!Step())
                {
                    break;
                }
            }

            _runUntilMs = _clock.NowMs;
        }

        /// <summary>Records a button press (thread-safe): short = restart with WPS after a failure, long = factory reset.</summary>
        /// <remarks>Acted upon at the next <see cref="Step"/>; a short press while not Failed is ignored.</remarks>
        public void PressButton(bool longPress)
        {
            lock (_buttonSync)
            {
                if (longPress)
                {
                    _longPress = true;
                }
                else
                {
                    _shortPress = true;
                }
            }
        }

        /// <summary>Closes the session, deletes the three checkpoints (the factory identity stays) and goes back to Boot; the next join uses WPS.</summary>
        public void FactoryReset()
        {
            ProvisioningState from = State;
            _ports.Mqtt.Close();
            _checkpoints.ClearAll();
            // The platform keeps its own copy of the Wi-Fi credentials (nanoFramework's config block): erase it too, so a
            // factory reset leaves nothing of the owner's network behind.
            _ports.Wifi.Forget();
            _wifi = null;
            lock (_buttonSync)
            {
                // The network is forgotten with the checkpoints: the next join is by WPS even if the link is still up.
                _forceWps = true;
            }

            ForgetActivation();
            _detail = "factory reset: checkpoints deleted";
            _retrying = false;
            Commit(from, ProvisioningState.Boot);
        }

        // The one transition function: performs the state's action through the ports and returns the next state.
        private ProvisioningState Transition(ProvisioningState state)
        {
            switch (state)
            {
                case ProvisioningState.Boot: return OnBoot();
                case ProvisioningState.LoadConfiguration: return OnLoadConfiguration();
                case ProvisioningState.JoinWifi: return OnJoinWifi();
                case ProvisioningState.AwaitWps: return OnAwaitWps();
                case ProvisioningState.JoinGuestWifi: return OnJoinGuestWifi();
                case ProvisioningState.AwaitWifiCredentials: return OnAwaitWifiCredentials();
                case ProvisioningState.OpenAccessPoint: return OnOpenAccessPoint();
                case ProvisioningState.AwaitAccessPointCredentials: return OnAwaitAccessPointCredentials();
                case ProvisioningState.AwaitClock: return OnAwaitClock();
                case ProvisioningState.ProbeLocalGateway: return OnProbeLocalGateway();
                case ProvisioningState.ConnectLocalGateway: return OnConnectLocalGateway();
                case ProvisioningState.AwaitCredentials: return OnAwaitCredentials();
                case ProvisioningState.ConnectDiscovery: return OnConnectDiscovery();
                case ProvisioningState.AwaitBrokerData: return OnAwaitBrokerData();
                case ProvisioningState.ConnectBroker: return OnConnectBroker();
                case ProvisioningState.AwaitTopics: return OnAwaitTopics();
                case ProvisioningState.SubscribeTopics: return OnSubscribeTopics();
                case ProvisioningState.Operational: return OnOperational();
                case ProvisioningState.Reconnecting: return OnReconnecting();
                default: return ProvisioningState.Failed;
            }
        }

        private void Commit(ProvisioningState from, ProvisioningState to)
        {
            if (_retrying)
            {
                _attempt++;
            }
            else if (Phase(from) != Phase(to) && to != ProvisioningState.Failed)
            {
                _attempt = 1;
                _lastDelayMs = 0;
            }

            State = to;
            if (to == from && _detail == null)
            {
                return;
            }

            if (to != from)
            {
                ShowIndicator(to);
            }

            long elapsed = _clock.NowMs - _runStartMs;
            string line = "provisioning: " + ProvisioningText.StateName(from) + " -> " + ProvisioningText.StateName(to)
                + " (attempt " + _attempt.ToString() + ", " + ProvisioningText.Seconds(elapsed) + ")"
                + (_detail == null ? string.Empty : ": " + _detail);
            LogLevel level = to == ProvisioningState.Failed ? LogLevel.Error : (_retrying ? LogLevel.Warning : LogLevel.Info);
            _log.Write(level, line);
            StateChangedHandler handler = StateChanged;
            if (handler != null)
            {
                handler(this, new StateChangedEventArgs(from, to, elapsed, _attempt, _detail));
            }
        }

        private void ShowIndicator(ProvisioningState state)
        {
            switch (state)
            {
                case ProvisioningState.AwaitWps:
                    _ports.Indicator.Show(IndicatorPattern.AwaitingWps);
                    break;
                case ProvisioningState.Operational:
                    _ports.Indicator.Show(IndicatorPattern.Operational);
                    break;
                case ProvisioningState.Reconnecting:
                    _ports.Indicator.Show(IndicatorPattern.Reconnecting);
                    break;
                case ProvisioningState.Failed:
                    _ports.Indicator.Show(_failurePattern);
                    break;
                default:
                    if (state < ProvisioningState.Operational)
                    {
                        _ports.Indicator.Show(IndicatorPattern.Provisioning);
                    }

                    break;
            }
        }

        // Phases share one attempt counter; entering another phase starts again at attempt 1.
        private static int Phase(ProvisioningState state)
        {
            switch (state)
            {
                case ProvisioningState.JoinWifi:
                case ProvisioningState.AwaitWps:
                case ProvisioningState.JoinGuestWifi:
                case ProvisioningState.AwaitWifiCredentials:
                case ProvisioningState.OpenAccessPoint:
                case ProvisioningState.AwaitAccessPointCredentials:
                    return 1;
                case ProvisioningState.AwaitClock:
                    return 2;
                case ProvisioningState.ProbeLocalGateway:
                case ProvisioningState.ConnectLocalGateway:
                case ProvisioningState.AwaitCredentials:
                    return 3;
                case ProvisioningState.ConnectDiscovery:
                case ProvisioningState.AwaitBrokerData:
                    return 4;
                case ProvisioningState.ConnectBroker:
                case ProvisioningState.AwaitTopics:
                case ProvisioningState.SubscribeTopics:
                case ProvisioningState.Reconnecting:
                    return 5;
                case ProvisioningState.Operational:
                    return 6;
                case ProvisioningState.Failed:
                    return 7;
                default:
                    return 0;
            }
        }

        // True once the device holds an activation it must never give up on (checkpointed, configured, or operational
        // since boot): transient failures then retry forever with capped backoff; the activation deadline does not apply.
        private bool IsPersistent
        {
            get { return _broker != null && (_brokerFromCheckpoint || _everOperational) && !_reactivating; }
        }

        // Waits one backoff delay before a retry; false (and the machine's failure set) when attempts or the deadline ran out.
        private bool Backoff(FailureReason exhaustedReason, string why)
        {
            bool persistent = IsPersistent;
            if (!persistent && _deadline.IsExpired)
            {
                SetFailure(DeadlineReason(exhaustedReason), "activation deadline of " + ProvisioningText.Seconds(_deadline.DurationMs)
                    + " passed; last problem: " + why);
                return false;
            }

            if (!persistent && !_policy.CanRetry(_attempt))
            {
                SetFailure(exhaustedReason, why + " (gave up after " + _attempt.ToString() + " attempts)");
                return false;
            }

            int delay = _policy.NextDelayMs(_lastDelayMs);
            _lastDelayMs = delay;
            if (!persistent && delay >= _deadline.RemainingMs)
            {
                _clock.Sleep((int)_deadline.RemainingMs);
                SetFailure(DeadlineReason(exhaustedReason), "activation deadline of " + ProvisioningText.Seconds(_deadline.DurationMs)
                    + " passed; last problem: " + why);
                return false;
            }

            if (SleepListening(delay))
            {
                // A gateway answered during the backoff: the next ConnectDiscovery takes the local branch instead.
                _gatewayWaiting = true;
            }

            _retrying = true;
            _detail = why + "; retrying after " + ProvisioningText.Seconds(delay);
            return true;
        }

        private static FailureReason DeadlineReason(FailureReason exhaustedReason)
        {
            // A refusal or bad data says more than "deadline": keep it (the user must re-add the device or fix the server).
            return exhaustedReason == FailureReason.ActivationRefused || exhaustedReason == FailureReason.InvalidResponse
                ? exhaustedReason
                : FailureReason.DeadlineExceeded;
        }

        private ProvisioningState Fail(FailureReason reason, string detail)
        {
            SetFailure(reason, detail);
            return Failed();
        }

        private void SetFailure(FailureReason reason, string detail)
        {
            Failure = reason;
            FailureDetail = detail;
        }

        // The one way into Failed: while re-activating because a checkpointed broker looked stale, a failure returns to the
        // old broker instead (the device never abandons a working activation because a retry of Discovery failed).
        private ProvisioningState Failed()
        {
            _ports.Mqtt.Close();
            if (_reactivating && _staleBroker != null)
            {
                _detail = "re-activation failed (" + ProvisioningText.ReasonName(Failure) + ": " + FailureDetail
                    + "); keeping the checkpointed broker";
                _broker = _staleBroker;
                _staleBroker = null;
                _reactivating = false;
                _brokerFromCheckpoint = true;
                _staleFailures = 0;
                _unreachableFailures = 0;
                _unreachableSinceMs = -1;
                _retrying = false;
                Failure = FailureReason.None;
                FailureDetail = null;
                return ProvisioningState.Reconnecting;
            }

            _detail = ProvisioningText.ReasonName(Failure) + ": " + FailureDetail;
            _retrying = false;
            return ProvisioningState.Failed;
        }

        private void ForgetActivation()
        {
            _broker = null;
            _staleBroker = null;
            _brokerFromCheckpoint = false;
            _reactivating = false;
            _staleFailures = 0;
            _unreachableFailures = 0;
            _unreachableSinceMs = -1;
            Topics = null;
            _gateway = null;
        }

        private long Timestamp()
        {
            return _clock.UnixSeconds;
        }
    }
}
