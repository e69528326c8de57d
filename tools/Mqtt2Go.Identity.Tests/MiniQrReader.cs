using System.Text;

namespace Mqtt2Go.Identity.Tests;

/// <summary>
/// A deliberately small QR decoder for the label tests (no decoder package restores here): versions 1-3 at error
/// correction level M (one Reed-Solomon block, so no interleaving), numeric/alphanumeric/byte segments, no error correction (the image is clean).
/// Follows ISO/IEC 18004 as ZXing's BitMatrixParser/DecodedBitStreamParser implement it; independent of QRCoder.
/// </summary>
internal static class MiniQrReader
{
    // Data codewords of versions 1..3 at level M (ISO/IEC 18004 table 9), each a single block.
    private static readonly int[] DataCodewordsM = [0, 16, 28, 44];

    /// <summary>Decodes a module matrix without quiet zone ([row, column], true = dark); throws when it is not a supported QR code.</summary>
    public static string Decode(bool[,] modules, out int version, out char level)
    {
        var size = modules.GetLength(0);
        version = (size - 17) / 4;
        if (modules.GetLength(1) != size || size != 17 + (4 * version) || version is < 1 or > 3)
        {
            throw new InvalidDataException($"unsupported QR size {size}");
        }

        CheckFinder(modules, 0, 0);
        CheckFinder(modules, 0, size - 7);
        CheckFinder(modules, size - 7, 0);

        var (ecl, mask) = ReadFormat(modules);
        level = "MLHQ"[ecl];
        if (level != 'M')
        {
            throw new InvalidDataException("only level M is supported, found " + level);
        }

        var function = FunctionPattern(size, version);
        var codewords = new List<byte>();
        int current = 0, bits = 0;
        var up = true;
        for (var x = size - 1; x > 0; x -= 2)
        {
            if (x == 6)
            {
                x--; // the vertical timing pattern is skipped
            }

            for (var count = 0; count < size; count++)
            {
                var row = up ? size - 1 - count : count;
                for (var c = 0; c < 2; c++)
                {
                    var col = x - c;
                    if (function[row, col])
                    {
                        continue;
                    }

                    current = (current << 1) | ((modules[row, col] ^ Masked(mask, row, col)) ? 1 : 0);
                    if (++bits == 8)
                    {
                        codewords.Add((byte)current);
                        current = 0;
                        bits = 0;
                    }
                }
            }

            up = !up;
        }

        return ParseSegments(codewords.Take(DataCodewordsM[version]).ToArray());
    }

    private static string ParseSegments(byte[] data)
    {
        const string alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        var position = 0;
        int Read(int count)
        {
            var value = 0;
            for (var i = 0; i < count; i++, position++)
            {
                value = (value << 1) | ((data[position / 8] >> (7 - (position % 8))) & 1);
            }

            return value;
        }

        // Encoders may mix modes (QRCoder 1.8 starts "MQTT2GO:1:" in alphanumeric mode); counts are for versions 1-9.
        var text = new StringBuilder();
        while (position + 4 <= data.Length * 8)
        {
            var mode = Read(4);
            switch (mode)
            {
                case 0b0000:
                    return text.ToString(); // terminator
                case 0b0111:
                    Read(8); // ECI designator (one-byte form); the text is ASCII either way
                    break;
                case 0b0001:
                    for (var left = Read(10); left > 0; left -= 3)
                    {
                        var digits = Math.Min(3, left);
                        text.Append(Read(digits == 3 ? 10 : digits == 2 ? 7 : 4).ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case 0b0010:
                    for (var left = Read(9); left > 0; left -= 2)
                    {
                        if (left >= 2)
                        {
                            var pair = Read(11);
                            text.Append(alphanumeric[pair / 45]).Append(alphanumeric[pair % 45]);
                        }
                        else
                        {
                            text.Append(alphanumeric[Read(6)]);
                        }
                    }

                    break;
                case 0b0100:
                    var bytes = new byte[Read(8)];
                    for (var i = 0; i < bytes.Length; i++)
                    {
                        bytes[i] = (byte)Read(8);
                    }

                    text.Append(Encoding.Latin1.GetString(bytes));
                    break;
                default:
                    throw new InvalidDataException("unsupported mode " + mode);
            }
        }

        return text.ToString();
    }

    private static (int Ecl, int Mask) ReadFormat(bool[,] m)
    {
        // Top-left copy in ZXing's order: row 8 columns 0-5, 7, 8; then column 8 rows 7, 5..0.
        var read = 0;
        void Bit(int row, int col) => read = (read << 1) | (m[row, col] ? 1 : 0);
        for (var i = 0; i < 6; i++)
        {
            Bit(8, i);
        }

        Bit(8, 7);
        Bit(8, 8);
        Bit(7, 8);
        for (var j = 5; j >= 0; j--)
        {
            Bit(j, 8);
        }

        var best = -1;
        var bestDistance = int.MaxValue;
        for (var data = 0; data < 32; data++)
        {
            var distance = int.PopCount(FormatCodeword(data) ^ read);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = data;
            }
        }

        if (bestDistance > 3)
        {
            throw new InvalidDataException("format information does not decode");
        }

        return (best >> 3, best & 7);
    }

    private static int FormatCodeword(int data)
    {
        // BCH(15,5) with generator x^10+x^8+x^5+x^4+x^2+x+1 (0x537), then XOR 0x5412.
        var value = data << 10;
        for (var bit = 14; bit >= 10; bit--)
        {
            if ((value & (1 << bit)) != 0)
            {
                value ^= 0x537 << (bit - 10);
            }
        }

        return ((data << 10) | value) ^ 0x5412;
    }

    private static bool Masked(int mask, int i, int j) => mask switch
    {
        0 => (i + j) % 2 == 0,
        1 => i % 2 == 0,
        2 => j % 3 == 0,
        3 => (i + j) % 3 == 0,
        4 => ((i / 2) + (j / 3)) % 2 == 0,
        5 => ((i * j) % 2) + ((i * j) % 3) == 0,
        6 => (((i * j) % 2) + ((i * j) % 3)) % 2 == 0,
        _ => (((i + j) % 2) + ((i * j) % 3)) % 2 == 0,
    };

    private static bool[,] FunctionPattern(int size, int version)
    {
        var f = new bool[size, size];
        void Region(int top, int left, int height, int width)
        {
            for (var r = top; r < top + height; r++)
            {
                for (var c = left; c < left + width; c++)
                {
                    f[r, c] = true;
                }
            }
        }

        Region(0, 0, 9, 9);            // top-left finder, separator, format
        Region(0, size - 8, 9, 8);     // top-right finder, separator, format
        Region(size - 8, 0, 8, 9);     // bottom-left finder, separator, format, dark module
        Region(6, 9, 1, size - 17);    // horizontal timing
        Region(9, 6, size - 17, 1);    // vertical timing
        if (version >= 2)
        {
            var centre = size - 7;     // versions 2-6 have one alignment pattern at (size-7, size-7)
            Region(centre - 2, centre - 2, 5, 5);
        }

        return f;
    }

    private static void CheckFinder(bool[,] m, int top, int left)
    {
        for (var r = 0; r < 7; r++)
        {
            for (var c = 0; c < 7; c++)
            {
                var ring = Math.Max(Math.Abs(r - 3), Math.Abs(c - 3));
                if (m[top + r, left + c] != (ring != 2))
                {
                    throw new InvalidDataException($"no finder pattern at ({top},{left})");
                }
            }
        }
    }
}
