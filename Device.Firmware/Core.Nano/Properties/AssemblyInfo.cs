using System.Reflection;
using System.Runtime.InteropServices;

// Assembly metadata of the portable core as a nanoFramework class library (Mqtt2Go.Device.Core.nfproj).
[assembly: AssemblyTitle("Mqtt2Go.Device.Core")]
[assembly: AssemblyDescription("Mqtt2Go.Device portable core: provisioning state machine, MQTT2GO codec, mDNS codec")]
[assembly: AssemblyProduct("Mqtt2Go.Device")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
