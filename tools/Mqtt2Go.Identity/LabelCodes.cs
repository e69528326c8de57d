using QRCoder;

namespace Mqtt2Go.Identity;

/// <summary>Renders the label's QR code with QRCoder (SVG and PNG writers that need no System.Drawing).</summary>
public static class LabelCodes
{
    /// <summary>Pixels (SVG user units) per QR module.</summary>
    public const int PixelsPerModule = 8;

    /// <summary>Error correction level: M (15 %) survives a scuffed sticker and keeps the code small.</summary>
    public const QRCodeGenerator.ECCLevel ErrorCorrection = QRCodeGenerator.ECCLevel.M;

    /// <summary>The QR module matrix of <paramref name="text"/> (quiet zone included), as rendered into the label files.</summary>
    public static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, ErrorCorrection);
    }

    /// <summary>An SVG document of the QR code of <paramref name="text"/>.</summary>
    public static string Svg(string text)
    {
        using var data = Encode(text);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(PixelsPerModule);
    }

    /// <summary>A PNG image of the QR code of <paramref name="text"/>.</summary>
    public static byte[] Png(string text)
    {
        using var data = Encode(text);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PixelsPerModule);
    }
}
