using System.Globalization;
using System.Text;
using System.Xml;

namespace NpsKit.Charts.Internal;

/// <summary>
/// Writes SVG elements through an <see cref="XmlWriter"/> (which escapes text and attributes), with numbers in one fixed
/// invariant format, so the same chart always gives the same bytes.
/// </summary>
internal sealed class SvgWriter : IDisposable
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = true,
        CloseOutput = false,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    private readonly XmlWriter _xml;

    public SvgWriter(TextWriter output) => _xml = XmlWriter.Create(output, Settings);

    /// <summary>A coordinate or length: rounded to 2 decimals, no trailing zeros, never "-0".</summary>
    public static string Num(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces characters XML cannot hold (controls, lone surrogates) with U+FFFD.</summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            ok = XmlConvert.IsXmlChar(c);
            if (!ok && sb is null)
            {
                sb = new StringBuilder(text.Length).Append(text, 0, i);
            }

            sb?.Append(ok ? c : '\uFFFD');
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>Starts the root <c>&lt;svg&gt;</c> element with its size, accessible name and description.</summary>
    public void StartRoot(double width, double height, string idPrefix, string title, string description)
    {
        _xml.WriteStartElement("svg", Namespace);
        Attr("width", Num(width));
        Attr("height", Num(height));
        Attr("viewBox", "0 0 " + Num(width) + " " + Num(height));
        Attr("role", "img");
        Attr("aria-labelledby", idPrefix + "-title " + idPrefix + "-desc");
        Attr("font-family", FontFamily);
        Attr("font-size", "12");
        Element("title", title, "id", idPrefix + "-title");
        Element("desc", description, "id", idPrefix + "-desc");
        Element("rect", null, "x", "0", "y", "0", "width", Num(width), "height", Num(height), "fill", "#ffffff");
    }

    /// <summary>Starts an element with attributes given as name, value pairs.</summary>
    public void Start(string name, params ReadOnlySpan<string> attributes)
    {
        _xml.WriteStartElement(name, Namespace);
        for (int i = 0; i + 1 < attributes.Length; i += 2)
        {
            Attr(attributes[i], attributes[i + 1]);
        }
    }

    /// <summary>Ends the current element.</summary>
    public void End() => _xml.WriteEndElement();

    /// <summary>Writes a whole element with optional text content.</summary>
    public void Element(string name, string? text, params ReadOnlySpan<string> attributes)
    {
        Start(name, attributes);
        if (text is not null)
        {
            _xml.WriteString(Clean(text));
        }

        _xml.WriteEndElement();
    }

    /// <summary>Writes an attribute on the current element.</summary>
    public void Attr(string name, string value) => _xml.WriteAttributeString(name, Clean(value));

    /// <summary>Writes a text label.</summary>
    public void Text(double x, double y, string text, string anchor = "start", string? size = null, string fill = "#222222", string? weight = null, string? cssClass = null)
    {
        Start("text", "x", Num(x), "y", Num(y));
        if (anchor != "start")
        {
            Attr("text-anchor", anchor);
        }

        if (size is not null)
        {
            Attr("font-size", size);
        }

        Attr("fill", fill);
        if (weight is not null)
        {
            Attr("font-weight", weight);
        }

        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        _xml.WriteString(Clean(text));
        End();
    }

    public void Dispose()
    {
        _xml.WriteWhitespace("\n");
        _xml.Dispose();
    }
}
