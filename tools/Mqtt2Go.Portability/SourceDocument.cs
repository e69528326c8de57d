namespace Mqtt2Go.Portability;

/// <summary>A C# source text to check, with the path used in reports.</summary>
public sealed class SourceDocument
{
    /// <summary>Creates a document from a display path and its text.</summary>
    public SourceDocument(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>Path shown in violation reports.</summary>
    public string Path { get; }

    /// <summary>The C# source text.</summary>
    public string Text { get; }
}
