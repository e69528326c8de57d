namespace Mqtt2Go.Flash;

/// <summary>A nanoFramework .pe file's name and the native methods checksum its header requires (0 = no natives).</summary>
public sealed record PeAssembly(string Name, uint NativeChecksum)
{
    /// <summary>Reads the header of a .pe file: marker "NFMRK1"/"NFMRK2", then at offset 0x14 the little-endian
    /// nativeMethodsChecksum (nanoframework/nf-interpreter: src/CLR/Include/nanoCLR_Types.h CLR_RECORD_ASSEMBLY; the
    /// Visual Studio deploy provider reads the same 4 bytes: nf-Visual-Studio-extension DeployProvider.cs "position 0x14").</summary>
    public static PeAssembly Read(string name, byte[] pe)
    {
        if (pe.Length < 0x18 || pe[0] != (byte)'N' || pe[1] != (byte)'F' || pe[2] != (byte)'M' || pe[3] != (byte)'R' || pe[4] != (byte)'K')
        {
            throw new FormatException($"{name}: not a nanoFramework .pe file");
        }

        return new PeAssembly(name, BitConverter.ToUInt32(pe, 0x14));
    }

    /// <summary>Reads every *.pe file of a folder.</summary>
    public static IReadOnlyList<PeAssembly> ReadFolder(string folder)
    {
        return Directory.GetFiles(folder, "*.pe")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => Read(Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path)))
            .ToList();
    }
}
