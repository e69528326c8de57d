using System.Reflection;
using System.Runtime.InteropServices;

// Assembly metadata of the firmware application (the nanoFramework project system does not generate it).
[assembly: AssemblyTitle("Mqtt2Go.Device.Firmware")]
[assembly: AssemblyDescription("MQTT2GO provisioning firmware for ESP32 on .NET nanoFramework")]
[assembly: AssemblyProduct("Mqtt2Go.Device")]
[assembly: AssemblyCopyright("Mqtt2Go.Device contributors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
