using System.Globalization;
using System.Xml.Linq;

namespace IldRegistry.Api.Common;

/// <summary>Small helpers for the SVG pictures (escaping by System.Xml.Linq, numbers in the invariant culture).</summary>
public static class Svg
{
    public const string MediaType = "image/svg+xml";

    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static XElement Document(double width, double height, string title, string style, IEnumerable<XElement> content) =>
        new(Ns + "svg",
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("role", "img"),
            new XElement(Ns + "title", title),
            new XElement(Ns + "style", style),
            content);

    public static XElement Text(double x, double y, string text, string? cssClass = null, string anchor = "start") =>
        new(Ns + "text",
            new XAttribute("x", N(x)),
            new XAttribute("y", N(y)),
            new XAttribute("text-anchor", anchor),
            cssClass is null ? null : new XAttribute("class", cssClass),
            text);

    public static XElement Rect(double x, double y, double width, double height, string cssClass, string? tooltip = null) =>
        new(Ns + "rect",
            new XAttribute("x", N(x)),
            new XAttribute("y", N(y)),
            new XAttribute("width", N(Math.Max(width, 1))),
            new XAttribute("height", N(height)),
            new XAttribute("class", cssClass),
            tooltip is null ? null : new XElement(Ns + "title", tooltip));

    public static XElement Line(double x1, double y1, double x2, double y2, string cssClass) =>
        new(Ns + "line",
            new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
            new XAttribute("class", cssClass));

    public static string Serialize(XElement svg) => new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + "\n" + svg.ToString(SaveOptions.DisableFormatting);
}
