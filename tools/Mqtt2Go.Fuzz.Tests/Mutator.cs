using System.Text;

namespace Mqtt2Go.Fuzz.Tests;

/// <summary>A deterministic byte mutator (fixed seed): bit flips, interesting bytes, inserts, deletes, repeats, splices
/// between seeds and JSON / DNS tokens that past findings were made of.</summary>
internal sealed class Mutator
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "\\ud800", "\\udc00", "\\u0000", "\\u0085", "\\\"", "\"", "{", "}", "[", "]", ",", ":", "null", "true", "-0", "1e999",
            "9223372036854775808", "-1", "0", "65536", "\"#\"", "\"+\"", "#", "+", "/", "//", "$SYS", "::", ":", ".", "%eth0",
            "[::1]", "0x7f", "\u00e9", "\u0085", "\"\"", "{}", "[]", "==", "=", "AAAA", "////",
        }.Select(t => Encoding.UTF8.GetBytes(t)),
        [0xC0], [0xC0, 0x0C], [0xFF], [0x3F], [0x00], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x05, 0x0C, 0x1F, 0x20, 0x30, 0x3F, 0x40, 0x7F, 0x80, 0x81, 0x82, 0xC0, 0xFF];

    private readonly Random _random;
    private readonly byte[][] _seeds;

    public Mutator(int seed, IEnumerable<byte[]> seeds)
    {
        _random = new Random(seed);
        _seeds = seeds.ToArray();
    }

    /// <summary>The next input: a seed with 1 to 8 mutations stacked (every 16th input is an unmodified seed).</summary>
    public byte[] Next()
    {
        var input = new List<byte>(_seeds[_random.Next(_seeds.Length)]);
        if (_random.Next(16) == 0)
        {
            return [.. input];
        }

        // Half the inputs carry one or two mutations (they stay well-formed often enough to reach the value checks).
        var count = _random.Next(2) == 0 ? 1 + _random.Next(2) : 1 + _random.Next(8);
        for (var i = 0; i < count; i++)
        {
            Mutate(input);
        }

        return [.. input];
    }

    private void Mutate(List<byte> input)
    {
        var at = input.Count == 0 ? 0 : _random.Next(input.Count);
        switch (_random.Next(9))
        {
            case 0 when input.Count > 0:
                input[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when input.Count > 0:
                input[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2 when input.Count > 0:
                input[at] = (byte)_random.Next(256);
                break;
            case 3:
                input.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                break;
            case 4 when input.Count > 0:
                input.RemoveRange(at, Math.Min(input.Count - at, 1 + _random.Next(16)));
                break;
            case 5 when input.Count > 0:
            {
                var length = Math.Min(input.Count - at, 1 + _random.Next(64));
                var chunk = input.GetRange(at, length);
                for (var n = _random.Next(8) == 0 ? _random.Next(4, 17) : _random.Next(1, 4); n > 0; n--)
                {
                    input.InsertRange(at, chunk);
                }

                break;
            }

            case 6:
            {
                // Splice: a piece of another seed.
                var other = _seeds[_random.Next(_seeds.Length)];
                if (other.Length > 0)
                {
                    var from = _random.Next(other.Length);
                    var length = Math.Min(other.Length - from, 1 + _random.Next(64));
                    input.InsertRange(at, other.AsSpan(from, length).ToArray());
                }

                break;
            }

            case 7 when input.Count >= 12 && _random.Next(2) == 0:
                // A DNS header count (QD/AN/NS/AR, bytes 4-11) set to a small or large value.
                input[4 + (2 * _random.Next(4)) + 1] = (byte)(_random.Next(2) == 0 ? _random.Next(20) : _random.Next(256));
                break;
            case 7 when input.Count > 0:
                input.RemoveRange(at, input.Count - at); // truncate
                break;
            default:
                ReplaceQuotedText(input);
                break;
        }
    }

    /// <summary>Replaces the content of one JSON string, chosen at random among all of them, with a token (or appends
    /// the token to it): reaches the value checks behind the parser.</summary>
    private void ReplaceQuotedText(List<byte> input)
    {
        var quotes = new List<int>();
        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] == (byte)'"' && (i == 0 || input[i - 1] != (byte)'\\'))
            {
                quotes.Add(i);
            }
        }

        if (quotes.Count < 2)
        {
            return;
        }

        var pair = _random.Next(quotes.Count / 2);
        var open = quotes[2 * pair];
        var close = quotes[(2 * pair) + 1];
        var token = Tokens[_random.Next(Tokens.Length)];
        if (_random.Next(2) == 0)
        {
            input.InsertRange(close, token);
        }
        else
        {
            input.RemoveRange(open + 1, close - open - 1);
            input.InsertRange(open + 1, token);
        }
    }
}
