using System.Text.RegularExpressions;

namespace Mqtt2Go.ReferenceBroker.Tests;

/// <summary>
/// Issue 11 item 6: docs/profile.md "Every report the reference side sends" lists every report the services' sources can
/// publish (report_type, report_name) and every reason an error report can carry. Read from the sources, so a report or
/// reason added without its row fails here.
/// </summary>
[TestClass]
public sealed partial class ProfileDocumentationTests
{
    [TestMethod]
    public void EveryReportAndEveryReasonTheServicesCanSend_IsInTheProfilesReportTable()
    {
        string root = RepositoryRoot();
        string[] rows = ReportTableRows(File.ReadAllText(Path.Combine(root, "docs", "profile.md")));
        Assert.IsTrue(rows.Length >= 5, "the report table was not found in docs/profile.md");
        var missing = new List<string>();
        var seenReports = 0;
        var seenReasons = new HashSet<string>();

        foreach (string file in Directory.GetFiles(Path.Combine(root, "tools", "Mqtt2Go.ReferenceBroker"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            string name = Path.GetRelativePath(root, file);
            foreach (string line in File.ReadAllLines(file))
            {
                var report = ReportCall().Match(line);
                if (report.Success)
                {
                    seenReports++;
                    string type = Snake(report.Groups[1].Value);
                    if (!rows.Any(r => Cell(r, 2).Contains($"`{type}`", StringComparison.Ordinal) && Cell(r, 3).Contains($"`{report.Groups[2].Value}`", StringComparison.Ordinal)))
                    {
                        missing.Add($"{name}: report {type} / {report.Groups[2].Value}");
                    }
                }

                var error = ErrorCall().Match(line);
                if (error.Success)
                {
                    var literals = Literal().Matches(error.Groups[2].Value).Select(m => m.Groups[1].Value).ToList();
                    bool literalName = error.Groups[2].Value.TrimStart().StartsWith('"');
                    if (literalName && !rows.Any(r => Cell(r, 2).Contains("`error`", StringComparison.Ordinal) && Cell(r, 3).Contains($"`{literals[0]}`", StringComparison.Ordinal)))
                    {
                        missing.Add($"{name}: error report named {literals[0]}");
                    }

                    foreach (string reason in literalName ? literals.Skip(1) : literals)
                    {
                        seenReasons.Add(reason);
                        if (!rows.Any(r => Cell(r, 2).Contains("`error`", StringComparison.Ordinal) && r.Contains($"`{reason}`", StringComparison.Ordinal)))
                        {
                            missing.Add($"{name}: error reason {reason}");
                        }
                    }
                }

                // Reasons that reach an error report through a variable: the envelope's, Discovery's registration outcome
                // and REST refusals (passed through to activate_device), the hand-over statuses.
                foreach (Match m in PassedReason().Matches(line))
                {
                    string reason = m.Groups[1].Value;
                    if (reason == "too_large")
                    {
                        continue; // Envelope.TryParse's size refusal: the services drop such a message before parsing, unanswered
                    }

                    seenReasons.Add(reason);
                    if (!rows.Any(r => Cell(r, 2).Contains("`error`", StringComparison.Ordinal) && r.Contains($"`{reason}`", StringComparison.Ordinal)))
                    {
                        missing.Add($"{name}: error reason {reason}");
                    }
                }
            }
        }

        Console.WriteLine($"{seenReports} report call(s), {seenReasons.Count} reason(s) checked against {rows.Length} table rows");
        Assert.IsTrue(seenReports >= 5 && seenReasons.Count >= 20, $"the source scan found too little ({seenReports} reports, {seenReasons.Count} reasons): the patterns no longer match the code");
        Assert.AreEqual(0, missing.Count, "not in docs/profile.md \"Every report the reference side sends\":\n" + string.Join("\n", missing.Distinct()));
    }

    [TestMethod]
    public void TheScan_FindsAReportThatIsNotInTheTable()
    {
        // The check itself can fail: a table without the rename_device row misses the cloud's step-10 report.
        string table = "| sender | topic | report_type | report_name | value | when |\n|---|---|---|---|---|---|\n| cloud | t | `command_response` | `topics` | v | w |\n";
        string[] rows = ReportTableRows("## Every report the reference side sends\n" + table);
        var report = ReportCall().Match("await Connection.PublishAsync(t, Messages.Report(_time, Messages.ReportTypes.CommandResponse, \"rename_device\",");
        Assert.IsTrue(report.Success);
        Assert.IsFalse(rows.Any(r => Cell(r, 2).Contains("`command_response`", StringComparison.Ordinal) && Cell(r, 3).Contains("`rename_device`", StringComparison.Ordinal)));
        Assert.IsTrue(rows.Any(r => Cell(r, 3).Contains("`topics`", StringComparison.Ordinal)));
    }

    private static string[] ReportTableRows(string markdown)
    {
        int start = markdown.IndexOf("## Every report the reference side sends", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        int end = markdown.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        string section = end < 0 ? markdown[start..] : markdown[start..end];
        return section.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal) && !l.StartsWith("| sender", StringComparison.Ordinal)).ToArray();
    }

    private static string Cell(string row, int index)
    {
        string[] cells = row.Split('|');
        return index + 1 < cells.Length ? cells[index + 1] : "";
    }

    private static string Snake(string pascal) => Regex.Replace(pascal, "(?<!^)([A-Z])", "_$1").ToLowerInvariant();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "profile.md")) && Directory.Exists(Path.Combine(dir.FullName, "tools")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Messages\.Report\(_time,\s*Messages\.ReportTypes\.(\w+),\s*""([a-z_]+)""")]
    private static partial Regex ReportCall();

    [GeneratedRegex(@"(ReplyErrorAsync\([^,]+,|ErrorReport\(_time,)(.*)$")]
    private static partial Regex ErrorCall();

    [GeneratedRegex(@"""([a-z](?:[a-z_]*[a-z])?)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"(?:reason = |new RegistrationOutcome\(\d+, (?:[^""]*\? )?|WriteErrorAsync\([^,]+, \d+, |HandOverStatus\.\w+ => )""([a-z](?:[a-z_]*[a-z])?)""")]
    private static partial Regex PassedReason();
}
