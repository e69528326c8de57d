// API stub (declarations only, never run) of the part of nanoFramework.Json 2.2.x the firmware's NanoJson adapter uses,
// for compiling the test assemblies against the real nanoFramework mscorlib in CI. Signatures from
// nanoframework/nanoFramework.Json@76f1016 nanoFramework.Json/JsonConvert.cs.
// StubAssembly: nanoFramework.Json 2.2.213.0
namespace nanoFramework.Json
{
    using System;

    public static class JsonConvert
    {
        public static string SerializeObject(object oSource) { throw null; }
        public static object DeserializeObject(string value, Type type) { throw null; }
    }

    public class DeserializationException : Exception
    {
        public DeserializationException() { }
        public DeserializationException(string message) { }
    }
}
