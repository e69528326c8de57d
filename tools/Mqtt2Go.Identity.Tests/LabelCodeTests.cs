using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Mqtt2Go.Identity.Tests;

[TestClass]
public sealed class LabelCodeTests
{
    [TestMethod]
    public void LabelSvgIsWellFormedAndDecodesToTheQrText()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        var svg = XDocument.Load(minted.LabelSvgPath);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.AreEqual(ns + "svg", svg.Root!.Name);
        var viewBox = svg.Root.Attribute("viewBox")!.Value.Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = viewBox[2];
        Assert.AreEqual(total, viewBox[3]);

        var modules = ModulesFromSvg(svg, total);
        // Version 3 (29 modules) for m2g- ids at level M, plus a 4-module quiet zone on each side.
        Assert.AreEqual(29, modules.GetLength(0));
        Assert.AreEqual(29 + 8, total);
        Assert.AreEqual((total * LabelCodes.PixelsPerModule).ToString(CultureInfo.InvariantCulture), svg.Root.Attribute("width")!.Value);

        var text = MiniQrReader.Decode(modules, out var version, out var level);
        Assert.AreEqual(3, version);
        Assert.AreEqual('M', level);
        Assert.AreEqual(minted.QrText, text);
    }

    [TestMethod]
    public void LabelPngIsAPngOfTheQrCode()
    {
        using var temp = new TempFolder();
        var minted = FactoryIdentityMinter.Mint(Fixture.Options(temp));

        var png = File.ReadAllBytes(minted.LabelPngPath!);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.AreEqual(37 * LabelCodes.PixelsPerModule, width);
        Assert.AreEqual(width, height);
    }

    [TestMethod]
    public void LabelPngIsLeftOutWhenNotWanted()
    {
        using var temp = new TempFolder();
        var options = Fixture.Options(temp);
        options.WriteLabelPng = false;
        var minted = FactoryIdentityMinter.Mint(options);

        Assert.IsNull(minted.LabelPngPath);
        Assert.IsFalse(File.Exists(Path.Combine(minted.OutputDirectory, OutputFiles.LabelPng)));
        Assert.IsTrue(File.Exists(minted.LabelSvgPath));
    }

    [TestMethod]
    public void TheTestDecoderReadsOtherTextsToo()
    {
        // The decoder is independent of the minter: different texts (and versions 1-3) come back as they went in.
        foreach (var text in new[] { "hello", "MQTT2GO:1:a:0000000000000", "MQTT2GO:1:dev_long_id:ABCDEFGHJKMNP" })
        {
            var svg = XDocument.Parse(LabelCodes.Svg(text));
            var total = int.Parse(svg.Root!.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
            Assert.AreEqual(text, MiniQrReader.Decode(ModulesFromSvg(svg, total), out _, out _));
        }
    }

    private static bool[,] ModulesFromSvg(XDocument svg, int total)
    {
        // QRCoder draws the dark modules as one path of row runs "M<x> <y>h<w>v1h-<w>z" over a light background rect.
        var grid = new bool[total, total];
        var paths = svg.Descendants().Where(e => e.Name.LocalName == "path").ToList();
        Assert.AreEqual(1, paths.Count);
        var runs = Regex.Matches(paths[0].Attribute("d")!.Value, @"M(\d+) (\d+)h(\d+)v1h-\3z");
        Assert.IsTrue(runs.Count > 0);
        Assert.AreEqual(paths[0].Attribute("d")!.Value.Length, runs.Sum(r => r.Length), "unexpected path syntax");
        foreach (Match run in runs)
        {
            var x = int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
            var w = int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
            for (var i = 0; i < w; i++)
            {
                grid[y, x + i] = true;
            }
        }

        // The quiet zone: the first dark module is the top-left finder pattern's corner.
        var quiet = Enumerable.Range(0, total).First(i => Enumerable.Range(0, total).Any(j => grid[i, j]));
        var size = total - (2 * quiet);
        var modules = new bool[size, size];
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                modules[r, c] = grid[r + quiet, c + quiet];
            }
        }

        return modules;
    }
}
