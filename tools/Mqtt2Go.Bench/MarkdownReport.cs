using System.Globalization;
using System.Text;

namespace Mqtt2Go.Bench;

/// <summary>Collects the results as markdown and echoes every line to the console as it is written.</summary>
internal sealed class MarkdownReport
{
    private readonly StringBuilder _text = new();
    private readonly object _gate = new();

    /// <summary>The whole report so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Formats a number of milliseconds with one decimal (invariant culture).</summary>
    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Formats a number with the given format (invariant culture).</summary>
    public static string Num(double value, string format = "0.0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Writes a heading of the given level.</summary>
    public void Heading(int level, string text) => Line("\n" + new string('#', level) + " " + text + "\n");

    /// <summary>Writes a paragraph line.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            _text.AppendLine(text);
        }

        Console.WriteLine(text);
    }

    /// <summary>Writes a markdown table.</summary>
    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(header.Select(h => "---|")));
        foreach (var row in rows)
        {
            Line("| " + string.Join(" | ", row) + " |");
        }

        Line(string.Empty);
    }

    /// <summary>Writes the report to a file, creating its folder.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Text);
    }
}
