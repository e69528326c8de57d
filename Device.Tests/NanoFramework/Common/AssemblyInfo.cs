using System.Reflection;
using System.Runtime.InteropServices;

// Assembly metadata of the nanoFramework test assembly; every test project names its assembly NFUnitTest (the launcher loads that name).
[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("Mqtt2Go.Device shared tests on nanoFramework")]
[assembly: AssemblyProduct("Mqtt2Go.Device")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
