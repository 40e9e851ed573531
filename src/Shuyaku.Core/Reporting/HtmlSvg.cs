using System.Text;
using static Shuyaku.Core.Reporting.HtmlText;

namespace Shuyaku.Core.Reporting;

/// <summary>One series of a bar chart: its name in the legend and its colour.</summary>
/// <param name="Name">The legend's text.</param>
/// <param name="Colour">A CSS colour.</param>
internal sealed record BarSeries(string Name, string Colour);

/// <summary>One bar: stacked segments (series index, value), an optional marker line and an optional capacity drawn behind.</summary>
/// <param name="Label">The row's label (shortened in the chart; the whole text in its tooltip).</param>
/// <param name="Segments">The stacked parts, left to right.</param>
/// <param name="Marker">A value marked with a vertical dashed line (a limit), if any.</param>
/// <param name="Capacity">A value drawn as a pale bar behind the segments (a bandwidth), if any.</param>
/// <param name="Value">The text after the bar; the sum of the segments by default.</param>
internal sealed record BarRow(string Label, IReadOnlyList<(int Series, double Value)> Segments, double? Marker = null, double? Capacity = null, string? Value = null);

/// <summary>
/// Hand-written SVG for the HTML report: every chart has a viewBox and no fixed size, so it scales to the page; text is
/// escaped; numbers are written in the invariant culture, so the same figures give the same bytes.
/// </summary>
internal static class HtmlSvg
{
    private const int Width = 520;
    private const int LabelWidth = 150;
    private const int PlotWidth = 290;
    private const int RowHeight = 22;
    private const int LabelChars = 21;

    /// <summary>Colours of stacked series, in order.</summary>
    public static readonly string[] Palette = ["#1f5f99", "#e07b39", "#3f9b5a", "#c0504d", "#8064a2", "#4bacc6", "#9c8a4a", "#7f7f7f"];

    /// <summary>A utilisation bar for a table cell: the share filled (red over the limit, amber near it), the limit as a tick, and the percentage.</summary>
    public static string UtilBar(double share, double limit)
    {
        var colour = share > limit + 1e-9 ? "#b3261e" : share > limit * 0.9 ? "#d9a21b" : "#3f9b5a";
        var filled = Math.Clamp(share, 0, 1) * 100;
        var tick = Math.Clamp(limit, 0, 1) * 100;
        return $"<span class=\"u\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{E(F("report.util-bar", Pct(share), Pct(limit)))}\">" +
               $"<rect width=\"100\" height=\"10\" fill=\"#e6e9ee\"/><rect width=\"{N(filled, "0.#")}\" height=\"10\" fill=\"{colour}\"/>" +
               (limit < 1 ? $"<rect x=\"{N(tick - 0.75, "0.##")}\" width=\"1.5\" height=\"10\" fill=\"#1b1f24\"/>" : "") +
               $"</svg>{Pct(share)}</span>";
    }

    /// <summary>A horizontal bar chart with stacked segments, a legend, an axis and optional limit markers.</summary>
    public static string Bars(string title, IReadOnlyList<BarSeries> series, IReadOnlyList<BarRow> rows, string? markerName, string? capacityName, Func<double, string> format)
    {
        var max = 4 * NiceMax(0.25 * rows.Select(r => Math.Max(r.Segments.Sum(s => Math.Max(0, s.Value)), Math.Max(r.Marker ?? 0, r.Capacity ?? 0))).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        var legend = new List<(string Name, string Mark)>();
        legend.AddRange(series.Select(s => (s.Name, $"fill=\"{s.Colour}\"")));
        if (capacityName is not null)
        {
            legend.Add((capacityName, "fill=\"#e6e9ee\""));
        }

        if (markerName is not null)
        {
            legend.Add((markerName, "fill=\"#b3261e\""));
        }

        // Legend items flow left to right and wrap; each takes its text's estimated width.
        var items = new StringBuilder();
        double x = 0;
        var y = 30;
        foreach (var (name, mark) in legend)
        {
            var w = 22 + (name.Length * 6.6);
            if (x > 0 && x + w > Width)
            {
                x = 0;
                y += 16;
            }

            items.Append($"<rect x=\"{N(x)}\" y=\"{y - 9}\" width=\"10\" height=\"10\" {mark}/><text x=\"{N(x + 14)}\" y=\"{y}\">{E(name)}</text>");
            x += w;
        }

        var top = y + 14;
        var height = top + (rows.Count * RowHeight) + 26;
        svg.Append($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{E(title)}\" font-size=\"12\" font-family=\"system-ui,sans-serif\">");
        svg.Append($"<text x=\"0\" y=\"13\" font-size=\"13\" font-weight=\"bold\">{E(title)}</text>");
        svg.Append(items);
        for (var t = 0; t <= 4; t++)
        {
            var gx = LabelWidth + (PlotWidth * t / 4.0);
            svg.Append($"<line x1=\"{N(gx)}\" x2=\"{N(gx)}\" y1=\"{top - 4}\" y2=\"{top + (rows.Count * RowHeight)}\" stroke=\"#d8dde3\"/>");
            svg.Append($"<text x=\"{N(gx)}\" y=\"{top + (rows.Count * RowHeight) + 14}\" text-anchor=\"middle\" fill=\"#5b6570\" font-size=\"11\">{E(format(max * t / 4))}</text>");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var ry = top + (i * RowHeight);
            var label = row.Label.Length > LabelChars ? row.Label[..(LabelChars - 1)] + "…" : row.Label;
            svg.Append($"<text x=\"{LabelWidth - 6}\" y=\"{ry + 14}\" text-anchor=\"end\" font-size=\"11\"><title>{E(row.Label)}</title>{E(label)}</text>");
            if (row.Capacity is { } cap && max > 0)
            {
                svg.Append($"<rect x=\"{LabelWidth}\" y=\"{ry + 3}\" width=\"{N(cap / max * PlotWidth)}\" height=\"14\" fill=\"#e6e9ee\"/>");
            }

            double sx = LabelWidth;
            foreach (var (s, v) in row.Segments)
            {
                var w = max > 0 ? Math.Max(0, v) / max * PlotWidth : 0;
                if (w > 0)
                {
                    svg.Append($"<rect x=\"{N(sx)}\" y=\"{ry + 3}\" width=\"{N(w)}\" height=\"14\" fill=\"{series[s].Colour}\"><title>{E(series[s].Name)}: {E(format(v))}</title></rect>");
                }

                sx += w;
            }

            if (row.Marker is { } m && max > 0)
            {
                var mx = LabelWidth + (m / max * PlotWidth);
                svg.Append($"<line x1=\"{N(mx)}\" x2=\"{N(mx)}\" y1=\"{ry}\" y2=\"{ry + 20}\" stroke=\"#b3261e\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>");
            }

            var end = LabelWidth + (max > 0 ? Math.Max(row.Segments.Sum(p => Math.Max(0, p.Value)), row.Capacity ?? 0) / max * PlotWidth : 0);
            svg.Append($"<text x=\"{N(Math.Min(end, LabelWidth + PlotWidth) + 4)}\" y=\"{ry + 14}\" font-size=\"11\">{E(row.Value ?? format(row.Segments.Sum(p => p.Value)))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="value"/> (1 for nothing).</summary>
    public static double NiceMax(double value)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= value * (1 - 1e-12))
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    /// <summary>One room of the picture: its name, the machines in it and its other equipment units.</summary>
    /// <param name="Name">The site's name.</param>
    /// <param name="Machines">Servers (before) or hosts (after).</param>
    /// <param name="Equipment">Units of other equipment.</param>
    /// <param name="Caption">The line under the name.</param>
    public sealed record Room(string Name, int Machines, int Equipment, string Caption);

    private const int Icon = 12;
    private const int IconGap = 3;
    private const int IconsPerRow = 16;
    private const int MaxIconRows = 5;

    /// <summary>
    /// The consolidation as a picture: each campus server room with its machines (dark) and equipment (amber), an arrow,
    /// and the data centre with its hosts (blue) and equipment. Boxes are HTML that reflows (side by side on a wide
    /// screen, one above the other on a phone); the machines in each box are a small SVG that scales.
    /// </summary>
    public static string EstatePicture(IReadOnlyList<Room> before, Room after)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"estate\" role=\"img\" aria-label=\"{E(Describe(before, after))}\"><div class=\"rooms\">");
        foreach (var room in before)
        {
            DrawRoom(html, room, "room", "#3d4650");
        }

        html.Append("</div><div class=\"arrow\" aria-hidden=\"true\"><span class=\"wide\">&#10230;</span><span class=\"narrow\">&#8595;</span><small>").Append(E(T("report.consolidate"))).Append("</small></div><div class=\"rooms\">");
        DrawRoom(html, after, "room dc", "#1f5f99");
        html.Append("</div></div>");
        return html.ToString();
    }

    private static string Describe(IReadOnlyList<Room> before, Room after) =>
        $"{string.Join("; ", before.Select(r => $"{r.Name}: {r.Caption}"))} become {after.Name}: {after.Caption}";

    private static void DrawRoom(StringBuilder html, Room room, string cssClass, string machineColour)
    {
        var machines = Math.Min(room.Machines, (IconsPerRow * MaxIconRows) - 1);
        var equipment = Math.Min(room.Equipment, (IconsPerRow * 2) - 1);
        var svg = new StringBuilder();
        var y = 0;
        Icons(svg, machines, room.Machines, ref y, machineColour, Icon + 3);
        Icons(svg, equipment, room.Equipment, ref y, "#e07b39", Icon - 4);
        html.Append($"<div class=\"{cssClass}\"><b>{E(room.Name)}</b><span>{E(room.Caption)}</span>");
        if (y > 0)
        {
            html.Append($"<svg viewBox=\"0 0 {IconsPerRow * (Icon + IconGap)} {y}\" aria-hidden=\"true\">{svg}</svg>");
        }

        html.Append("</div>");
    }

    private static void Icons(StringBuilder svg, int drawn, int total, ref int y, string colour, int iconHeight)
    {
        var slots = drawn + (total > drawn ? 1 : 0);
        var rowHeight = iconHeight + IconGap;
        for (var i = 0; i < slots; i++)
        {
            var ix = i % IconsPerRow * (Icon + IconGap);
            var iy = y + (i / IconsPerRow * rowHeight);
            if (i == drawn)
            {
                svg.Append($"<text x=\"{ix}\" y=\"{iy + iconHeight - 1}\" font-size=\"9\" fill=\"#5b6570\">+{N(total - drawn)}</text>");
                continue;
            }

            svg.Append($"<rect x=\"{ix}\" y=\"{iy}\" width=\"{Icon}\" height=\"{iconHeight}\" rx=\"1.5\" fill=\"{colour}\"/>");
        }

        y += (slots + IconsPerRow - 1) / IconsPerRow * rowHeight;
    }
}
