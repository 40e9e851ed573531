using System.Globalization;
using System.Text;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// Small pieces of HTML for the report: escaping, numbers in the invariant culture, and tables inside a scrolling wrapper
/// so that a wide table never widens the page on a phone.
/// </summary>
internal static class HtmlText
{
    /// <summary>The text with the five characters that mean something in HTML (&amp; &lt; &gt; " ') escaped; safe in elements and quoted attributes.</summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A number in the invariant culture with <paramref name="format"/>.</summary>
    public static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators.</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The report's text of <paramref name="key"/> in the current language (<see cref="Texts.Get"/>).</summary>
    public static string T(string key) => Texts.Get(key);

    /// <summary>The report's text of <paramref name="key"/> with its placeholders filled (<see cref="Texts.Format"/>).</summary>
    public static string F(string key, params object?[] args) => Texts.Format(key, args);

    /// <summary>A count with its noun in the current language: "3 hosts", "ホスト 3 台" (<see cref="Texts.Count"/>).</summary>
    public static string C(string key, int n) => Texts.Count(key, n);

    /// <summary>GiB or TiB, one decimal (units are the same in every language).</summary>
    public static string Gib(double gib) => gib >= 1024 ? N(gib / 1024, "0.##") + " TiB" : N(gib, "0.#") + " GiB";

    /// <summary>Money with thousands separators and the currency, if any.</summary>
    public static string Money(double amount, string currency) =>
        amount.ToString("N0", CultureInfo.InvariantCulture) + (currency.Length > 0 ? " " + currency : "");

    /// <summary>A share as a whole percentage.</summary>
    public static string Pct(double share) => N(share * 100, "0") + "%";

    /// <summary>Names joined by commas, the first <paramref name="max"/> of them and how many more.</summary>
    public static string Names(IReadOnlyList<string> names, int max = 12) =>
        names.Count <= max ? string.Join(", ", names) : string.Join(", ", names.Take(max)) + ", " + F("report.more", N(names.Count - max));

    /// <summary>
    /// A table in a horizontally scrolling wrapper. Cells are HTML already (escape text with <see cref="E"/>); columns whose
    /// index is in <paramref name="numeric"/> are right-aligned.
    /// </summary>
    public static void Table(StringBuilder html, string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, params int[] numeric)
    {
        html.Append("<div class=\"scroll\"><table>");
        if (caption.Length > 0)
        {
            html.Append("<caption>").Append(E(caption)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            html.Append(numeric.Contains(i) ? "<th class=\"n\">" : "<th>").Append(E(headers[i])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(numeric.Contains(i) ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Figure cards: a big number and what it counts.</summary>
    public static void Figures(StringBuilder html, IEnumerable<(string Value, string Label, string? Tone)> figures)
    {
        html.Append("<div class=\"figures\">");
        foreach (var (value, label, tone) in figures)
        {
            html.Append("<div class=\"figure").Append(tone is null ? "" : " " + tone).Append("\"><b>").Append(E(value)).Append("</b><span>")
                .Append(E(label)).Append("</span></div>");
        }

        html.Append("</div>\n");
    }
}
