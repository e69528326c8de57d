using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// Shape taken from nanoframework/Samples samples/Interop/awesome-library/Properties/AssemblyInfo.cs.
[assembly: AssemblyTitle("Mqtt2Go.Wps")]
[assembly: AssemblyDescription("WPS push-button interop for nanoFramework on ESP32")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("Mqtt2Go.Wps")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]

////////////////////////////////////////////////////////////////
// update this whenever the native assembly signature changes //
// (the nanoCLR image must then be rebuilt with the new stubs) //
[assembly: AssemblyNativeVersion("1.0.0.0")]
////////////////////////////////////////////////////////////////
