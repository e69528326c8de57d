namespace Mqtt2Go.Portability.Tests;

/// <summary>Code written in the nanoFramework 1.x subset must pass, or the checker would only cry wolf.</summary>
[TestClass]
public sealed class CleanSampleTests
{
    /// <summary>A core-style sample using the allowed API surface.</summary>
    public const string CleanCore = """
        using System;
        using System.Collections;
        using System.Diagnostics;
        using System.Text;
        using System.Threading;

        namespace Sample.Core
        {
            public delegate void MessageHandler(object sender, string topic);

            public enum Phase { Idle, Connecting, Done }

            public sealed class TopicList
            {
                private readonly ArrayList _items = new ArrayList();
                private readonly Hashtable _index = new Hashtable();
                private readonly object _lock = new object();

                public event MessageHandler Received;

                public int Count => _items.Count;

                public string this[int i] => (string)_items[i];

                public void Add(string topic)
                {
                    lock (_lock)
                    {
                        _items.Add(topic);
                        _index[topic] = _items.Count - 1;
                    }

                    Received?.Invoke(this, topic);
                }

                public bool TryGet(string topic, out int position)
                {
                    position = -1;
                    if (!_index.Contains(topic))
                    {
                        return false;
                    }

                    position = (int)_index[topic];
                    return true;
                }
            }

            public static class Codec
            {
                public static string Describe(byte[] payload, int port, double seconds, Phase phase)
                {
                    var text = Encoding.UTF8.GetString(payload, 0, payload.Length);
                    var parts = text.Split(',', ';');
                    var builder = new StringBuilder();
                    foreach (var part in parts)
                    {
                        builder.Append(part.Trim().ToLower()).Append('|');
                    }

                    int parsed;
                    if (!int.TryParse(parts[0], out parsed))
                    {
                        parsed = 0;
                    }

                    var bytes = Encoding.UTF8.GetBytes(text);
                    var copy = new byte[bytes.Length];
                    Array.Copy(bytes, copy, bytes.Length);
                    var slice = text.Length > 2 ? text.Substring(1, text.Length - 2) : string.Empty;
                    var status = phase switch { Phase.Idle => "idle", Phase.Connecting => "connecting", _ => "done" };
                    Debug.WriteLine($"port {port:D5} took {seconds:F2} s, {parsed} parsed, {status}, {slice.StartsWith("a")}");
                    return builder.ToString() + Convert.ToBase64String(copy) + Math.Max(1, port) + BitConverter.ToString(copy);
                }

                public static void Wait(ManualResetEvent signal, TimeSpan timeout)
                {
                    var deadline = DateTime.UtcNow + timeout;
                    var thread = new Thread(() => signal.Set());
                    thread.Start();
                    signal.WaitOne((int)timeout.TotalMilliseconds, false);
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException("waited " + timeout.ToString());
                    }
                }
            }

            public sealed class Failure : Exception
            {
                public Failure(string message) : base(message)
                {
                }
            }
        }
        """;

    /// <summary>A shared-test-style sample using only the common test API plus an own Throws helper.</summary>
    public const string CleanTests = """
        using System;
        #if NANOFRAMEWORK_1_0
        using nanoFramework.TestFramework;
        #else
        using Microsoft.VisualStudio.TestTools.UnitTesting;
        #endif
        using Sample.Core;

        namespace Sample.Tests
        {
            public delegate void TestAction();

            public static class Throws
            {
                public static bool Exception(TestAction action)
                {
                    try
                    {
                        action();
                    }
                    catch (Exception)
                    {
                        return true;
                    }

                    return false;
                }
            }

            [TestClass]
            public class TopicListTests
            {
                [TestMethod]
                [DataRow("a", 1)]
                [DataRow("b", 1)]
                public void Add_OneTopic_CountIsOne(string topic, int expected)
                {
                    var list = new TopicList();
                    list.Add(topic);
                    Assert.AreEqual(expected, list.Count);
                    Assert.AreNotEqual(0, list.Count);
                    Assert.IsTrue(list.TryGet(topic, out _));
                    Assert.IsFalse(list.TryGet("zz", out _));
                    Assert.IsNotNull(list[0]);
                    Assert.IsNull(null);
                    CollectionAssert.AreEqual(new[] { 1, 2 }, new[] { 1, 2 });
                    Assert.IsTrue(Throws.Exception(() => throw new Failure("x")));
                }
            }
        }
        """;

    /// <summary>The clean core sample produces no violation.</summary>
    [TestMethod]
    public void Check_CleanCoreSample_NoViolations()
    {
        var result = CheckerRunner.Run(CleanCore);

        Assert.IsFalse(result.HasViolations, CheckerRunner.Describe(result));
        Assert.AreEqual(1, result.FileCount);
    }

    /// <summary>The clean shared-test sample, compiled with the core sample, produces no violation.</summary>
    [TestMethod]
    public void Check_CleanTestSampleWithCore_NoViolations()
    {
        var result = CheckerRunner.Run(new SourceDocument("Core.cs", CleanCore), new SourceDocument("Tests.cs", CleanTests));

        Assert.IsFalse(result.HasViolations, CheckerRunner.Describe(result));
        Assert.AreEqual(2, result.FileCount);
    }

    /// <summary>The desktop-only branch of an #if is not analysed: only the nanoFramework side is compiled.</summary>
    [TestMethod]
    public void Check_DesktopOnlyBranch_IsNotAnalysed()
    {
        const string source = """
            #if !NANOFRAMEWORK_1_0
            using System.Collections.Generic;
            #endif
            namespace Sample
            {
                public class C
                {
            #if NANOFRAMEWORK_1_0
                    public System.Collections.ArrayList Items = new System.Collections.ArrayList();
            #else
                    public List<int> Items = new List<int>();
            #endif
                }
            }
            """;

        var result = CheckerRunner.Run(source);

        Assert.IsFalse(result.HasViolations, CheckerRunner.Describe(result));
    }

    /// <summary>The nanoFramework branch of an #if IS analysed, so a violation hidden there is found.</summary>
    [TestMethod]
    public void Check_ViolationInsideNanoFrameworkBranch_IsFound()
    {
        const string source = """
            namespace Sample
            {
                public class C
                {
            #if NANOFRAMEWORK_1_0
                    public System.Collections.Generic.List<int> Items; // <-
            #else
                    public System.Collections.ArrayList Items;
            #endif
                }
            }
            """;

        var result = CheckerRunner.Run(source);

        Assert.IsTrue(result.Violations.Any(v => v.Rule == RuleIds.GenericUse && v.Line == CheckerRunner.MarkedLine(source)), CheckerRunner.Describe(result));
    }

    /// <summary>Context files resolve names (a per-platform seam) but are never reported, even when they use desktop-only API.</summary>
    [TestMethod]
    public void Check_ContextFile_ResolvesNamesButIsNotChecked()
    {
        const string shared = "namespace S { public class T { public int M() { return Platform.Create(); } } }";
        const string platform = "namespace S { public static class Platform { public static int Create() { return new System.Collections.Generic.List<int>().Count; } } }";

        var withContext = CheckerRunner.Run(new[] { new SourceDocument("Shared.cs", shared) }, new[] { new SourceDocument("Platform.cs", platform) });
        var withoutContext = CheckerRunner.Run(new SourceDocument("Shared.cs", shared));

        Assert.IsFalse(withContext.HasViolations, CheckerRunner.Describe(withContext));
        Assert.IsTrue(withoutContext.HasRule(RuleIds.Compile), CheckerRunner.Describe(withoutContext));
    }
}
