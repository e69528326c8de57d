using System;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using Mqtt2Go.Device.Core.Ports;
using Mqtt2Go.Device.Core.Provisioning;
using Mqtt2Go.Mosquitto;

namespace Mqtt2Go.DeviceHost;

/// <summary><c>run --flash DIR</c>: boots one simulated device from a folder minted by the identity tool and keeps it
/// operational until Ctrl+C — the desktop stand-in for a flashed board, for trying the reference broker by hand.</summary>
public static class RunCommand
{
    /// <summary>Runs the device; returns 0 after Ctrl+C when it was operational, 1 when provisioning failed, 2 on usage errors.</summary>
    public static int Run(string[] args)
    {
        string flash = null;
        int mdnsPort = 0;
        var level = LogLevel.Info;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--flash" when i + 1 < args.Length: flash = args[++i]; break;
                case "--mdns-port" when i + 1 < args.Length && int.TryParse(args[i + 1], out mdnsPort): i++; break;
                case "--verbose": level = LogLevel.Debug; break;
                default:
                    Console.Error.WriteLine($"run: unexpected argument '{args[i]}'");
                    return 2;
            }
        }
        if (flash == null || !Directory.Exists(flash))
        {
            Console.Error.WriteLine("run: --flash DIR is required: a folder written by the identity tool (docs/identity.md)");
            return 2;
        }

        using var loop = new MosquittoLoop("device-loop");
        using var device = new SimulatedDevice(new SimulatedDeviceOptions
        {
            Name = Path.GetFileName(Path.GetFullPath(flash).TrimEnd(Path.DirectorySeparatorChar)),
            FlashDirectory = flash,
            Loop = loop,
            MdnsResponder = mdnsPort > 0 ? new IPEndPoint(IPAddress.Loopback, mdnsPort) : null,
            MinimumLevel = level,
        });
        if (device.Machine == null)
        {
            Console.Error.WriteLine("run: the device's configuration is invalid:");
            foreach (var problem in device.Configuration.Problems) Console.Error.WriteLine("  " + problem);
            return 1;
        }

        // Ctrl+C / SIGTERM end the program at any point; while provisioning, the firmware's own loop cannot be cancelled,
        // so the wait for it is abandoned (the device's thread ends with the process, the flash keeps its checkpoints).
        using var stop = new ManualResetEventSlim();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Set(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Set(); });
        var provisioning = new Thread(() => device.Provision()) { IsBackground = true, Name = "provisioning" };
        provisioning.Start();
        while (provisioning.IsAlive && !stop.IsSet)
        {
            provisioning.Join(200);
        }
        if (stop.IsSet)
        {
            Console.WriteLine("run: interrupted");
            return 130;
        }
        if (device.Machine.State != ProvisioningState.Operational)
        {
            Console.Error.WriteLine($"run: provisioning failed: {device.Machine.Failure} — {device.Machine.FailureDetail}");
            return 1;
        }
        device.StartOperational();
        Console.WriteLine("run: operational; Ctrl+C stops the device (its flash folder keeps the checkpoints)");
        stop.Wait();
        return 0;
    }
}
