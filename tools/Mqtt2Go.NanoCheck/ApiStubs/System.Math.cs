// API stub (declarations only, never run) of nanoFramework.System.Math 1.5.x, for compiling against the real
// nanoFramework mscorlib in CI. Members as in tools/Mqtt2Go.Portability/nanoframework-1x-api.txt, read from
// nanoframework/System.Math (nanoFramework.System.Math/Math.cs).
// StubAssembly: System.Math 1.5.116.0
namespace System
{
    public static class Math
    {
        public const double PI = 3.14159265358979323846;
        public const double E = 2.7182818284590452354;
        public static int Abs(int a) { throw null; }
        public static double Abs(double a) { throw null; }
        public static float Abs(float a) { throw null; }
        public static double Acos(double a) { throw null; }
        public static double Asin(double a) { throw null; }
        public static double Atan(double a) { throw null; }
        public static double Atan2(double a, double b) { throw null; }
        public static double Cbrt(double a) { throw null; }
        public static double Ceiling(double a) { throw null; }
        public static double Clamp(double a, double b, double c) { throw null; }
        public static long Clamp(long a, long b, long c) { throw null; }
        public static float Clamp(float a, float b, float c) { throw null; }
        public static ulong Clamp(ulong a, ulong b, ulong c) { throw null; }
        public static double Cos(double a) { throw null; }
        public static double Cosh(double a) { throw null; }
        public static double Exp(double a) { throw null; }
        public static double Floor(double a) { throw null; }
        public static double IEEERemainder(double a, double b) { throw null; }
        public static double Log(double a) { throw null; }
        public static double Log10(double a) { throw null; }
        public static int Max(int a, int b) { throw null; }
        public static double Max(double a, double b) { throw null; }
        public static float Max(float a, float b) { throw null; }
        public static int Min(int a, int b) { throw null; }
        public static double Min(double a, double b) { throw null; }
        public static float Min(float a, float b) { throw null; }
        public static double Pow(double a, double b) { throw null; }
        public static double Round(double a) { throw null; }
        public static int Sign(double a) { throw null; }
        public static int Sign(float a) { throw null; }
        public static double Sin(double a) { throw null; }
        public static double Sinh(double a) { throw null; }
        public static double Sqrt(double a) { throw null; }
        public static double Tan(double a) { throw null; }
        public static double Tanh(double a) { throw null; }
        public static double Truncate(double a) { throw null; }
    }
}
