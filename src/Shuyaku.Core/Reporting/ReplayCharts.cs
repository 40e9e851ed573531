using System.Globalization;
using System.Net;
using System.Text;
using Shuyaku.Core.Simulation.Replay;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// Writes the replay as files a person can open: SVG charts (host load heat map, CPU of the busiest hosts, power and
/// active hosts over time) and CSV tables (per host, per step). Plain SVG text, no drawing library; the same result
/// gives the same bytes.
/// </summary>
public static class ReplayCharts
{
    private const int Width = 1000;
    private const int Left = 150;
    private const int Right = 30;
    private const int PlotWidth = Width - Left - Right;

    /// <summary>Colours for lines; the busiest host first.</summary>
    private static readonly string[] Palette =
        ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];

    private const int MaxLines = 12;

    private const int MaxRows = 240;

    /// <summary>Writes every file into <paramref name="folder"/> (created if needed) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(ReplayResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<(string Name, string Text)>
        {
            ("host-load.svg", HeatMap(result)),
            ("host-cpu.svg", Lines(result)),
            ("energy.svg", Energy(result)),
            ("replay-hosts.csv", HostsCsv(result)),
            ("replay-steps.csv", StepsCsv(result)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>
    /// Hosts × time, each cell coloured by the highest load in its time bucket (5% bands); grey where nothing ran.
    /// Beyond <see cref="MaxRows"/> hosts, consecutive hosts share a row (their highest load), so the file stays small.
    /// </summary>
    public static string HeatMap(ReplayResult r)
    {
        var hosts = r.Hosts.Count;
        var perRow = (hosts + MaxRows - 1) / MaxRows;
        var rows = (hosts + perRow - 1) / Math.Max(1, perRow);
        var rowHeight = Math.Clamp(480.0 / Math.Max(1, rows), 2, 22);
        var plotHeight = rowHeight * rows;
        var columns = Math.Min(r.Length, rows > 60 ? PlotWidth / 2 : PlotWidth);
        var bucket = (r.Length + columns - 1) / Math.Max(1, columns);
        columns = (r.Length + bucket - 1) / Math.Max(1, bucket);
        var cell = PlotWidth / (double)Math.Max(1, columns);
        var top = 60;
        var height = (int)(top + plotHeight + 90);
        var title = perRow > 1 ? $"CPU load, {perRow} hosts per row (highest of them)" : "CPU load per host (demand ÷ capacity)";
        var svg = Begin(height, title, Subtitle(r) + "; each cell the highest load in its time bucket");
        var band = new int[columns];
        for (var row = 0; row < rows; row++)
        {
            var first = row * perRow;
            var last = Math.Min(hosts, first + perRow) - 1;
            var y = top + (row * rowHeight);
            if (rowHeight >= 8)
            {
                svg.Append(Text(Left - 6, y + (rowHeight * 0.75), first == last ? r.Hosts[first].Host : $"{r.Hosts[first].Host}–{r.Hosts[last].Host}", "end", 11));
            }

            for (var c = 0; c < columns; c++)
            {
                var max = float.NaN;
                for (var h = first; h <= last; h++)
                {
                    var load = r.LoadOf(h);
                    for (var t = c * bucket; t < Math.Min(r.Length, (c + 1) * bucket); t++)
                    {
                        if (!float.IsNaN(load[t]) && (float.IsNaN(max) || load[t] > max))
                        {
                            max = load[t];
                        }
                    }
                }

                band[c] = Band(max);
            }

            // One rectangle per run of equal colour.
            for (var c = 0; c < columns;)
            {
                var end = c;
                while (end + 1 < columns && band[end + 1] == band[c])
                {
                    end++;
                }

                svg.Append(Invariant($"<rect x=\"{Left + (c * cell):0.##}\" y=\"{y:0.##}\" width=\"{((end - c + 1) * cell) + 0.3:0.##}\" height=\"{rowHeight:0.##}\" fill=\"{BandColour(band[c])}\"/>\n"));
                c = end + 1;
            }
        }

        TimeAxis(svg, r, top + plotHeight);
        var legendY = top + plotHeight + 45;
        for (var i = 0; i < 10; i++)
        {
            svg.Append(Invariant($"<rect x=\"{Left + (i * 30)}\" y=\"{legendY:0.##}\" width=\"30\" height=\"12\" fill=\"{Heat((i + 0.5f) / 10)}\"/>\n"));
        }

        foreach (var pct in new[] { 0, 50, 100 })
        {
            svg.Append(Text(Left + (pct * 3), legendY + 26, $"{pct}%", "middle", 10));
        }

        svg.Append(Invariant($"<rect x=\"{Left + 330}\" y=\"{legendY:0.##}\" width=\"30\" height=\"12\" fill=\"{Heat(1.01f)}\"/>\n"));
        svg.Append(Text(Left + 365, legendY + 10, "at capacity (overload)", "start", 10));
        svg.Append(Invariant($"<rect x=\"{Left + 520}\" y=\"{legendY:0.##}\" width=\"30\" height=\"12\" fill=\"{Heat(float.NaN)}\"/>\n"));
        svg.Append(Text(Left + 555, legendY + 10, "nothing running", "start", 10));
        return End(svg);
    }

    /// <summary>-1 for nothing running, 0..19 for 5% bands below capacity, 20 at capacity.</summary>
    private static int Band(float u) => float.IsNaN(u) ? -1 : u >= 1 - 1e-6 ? 20 : Math.Clamp((int)(u * 20), 0, 19);

    private static string BandColour(int band) => band switch
    {
        < 0 => Heat(float.NaN),
        >= 20 => Heat(1.01f),
        _ => Heat((band + 0.5f) / 20),
    };

    /// <summary>CPU % of capacity over time for the busiest hosts (by peak, then mean), bucket means.</summary>
    public static string Lines(ReplayResult r)
    {
        var order = Enumerable.Range(0, r.Hosts.Count)
            .OrderByDescending(h => r.Hosts[h].PeakCpu).ThenByDescending(h => r.Hosts[h].MeanCpu).ThenBy(h => h)
            .Take(MaxLines).ToList();
        var title = r.Hosts.Count > MaxLines ? $"CPU load of the {MaxLines} busiest of {r.Hosts.Count} hosts" : "CPU load per host";
        var top = 60;
        var plotHeight = 320;
        var svg = Begin(top + plotHeight + 70 + (18 * ((order.Count + 3) / 4)), title + " (% of capacity)", Subtitle(r));
        var yMax = Math.Max(100, Math.Ceiling(order.Select(h => r.Hosts[h].PeakCpu * 100).DefaultIfEmpty(0).Max() / 20) * 20);
        YAxis(svg, top, plotHeight, yMax, "%");
        var limit = top + plotHeight - (plotHeight * 100 / yMax);
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{limit:0.##}\" x2=\"{Left + PlotWidth}\" y2=\"{limit:0.##}\" stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>\n"));
        for (var i = 0; i < order.Count; i++)
        {
            var load = r.LoadOf(order[i]);
            var values = new double[r.Length];
            for (var t = 0; t < r.Length; t++)
            {
                values[t] = float.IsNaN(load[t]) ? double.NaN : load[t] * 100.0;
            }

            svg.Append(Polyline(values, top, plotHeight, yMax, Palette[i % Palette.Length]));
            var lx = Left + (i % 4 * 200);
            var ly = top + plotHeight + 50 + (i / 4 * 18);
            svg.Append(Invariant($"<rect x=\"{lx}\" y=\"{ly - 9}\" width=\"14\" height=\"4\" fill=\"{Palette[i % Palette.Length]}\"/>\n"));
            svg.Append(Text(lx + 20, ly, r.Hosts[order[i]].Host, "start", 11));
        }

        TimeAxis(svg, r, top + plotHeight);
        return End(svg);
    }

    /// <summary>Power of all hosts over time, and active hosts over time, one panel each.</summary>
    public static string Energy(ReplayResult r)
    {
        var top = 60;
        var panel = 220;
        var gap = 70;
        var kwh = r.EnergyKwh.ToString("0.##", CultureInfo.InvariantCulture);
        var svg = Begin(top + (2 * panel) + gap + 50, $"Power drawn by all hosts (kW) — {kwh} kWh in {Hours(r.Hours)}", Subtitle(r));
        var kw = r.PowerW.Select(w => w / 1000).ToArray();
        var yMax = NiceMax(kw.DefaultIfEmpty(0).Max());
        YAxis(svg, top, panel, yMax, " kW");
        svg.Append(Polyline(kw, top, panel, yMax, "#ff7f0e"));
        TimeAxis(svg, r, top + panel);
        var top2 = top + panel + gap;
        svg.Append(Text(Left, top2 - 12, "Active hosts (running at least one workload)", "start", 13, bold: true));
        var activeMax = 4 * Math.Ceiling(Math.Max(1, r.ActiveHosts.DefaultIfEmpty(0).Max()) * 1.1 / 4); // whole hosts on every grid line
        YAxis(svg, top2, panel, activeMax, "");
        svg.Append(Polyline(r.ActiveHosts.Select(a => (double)a).ToArray(), top2, panel, activeMax, "#1f77b4"));
        TimeAxis(svg, r, top2 + panel);
        return End(svg);
    }

    /// <summary>One CSV row per host of the replay, with a header.</summary>
    public static string HostsCsv(ReplayResult r)
    {
        var sb = new StringBuilder("host,model,workloads,capacity_ghz,active_steps,overload_steps,slatah,mean_cpu_pct,peak_cpu_pct,demand_ghz_h,unmet_ghz_h,energy_kwh,peak_memory_pct,peak_network_pct\n");
        foreach (var h in r.Hosts)
        {
            sb.Append(Invariant($"{Csv(h.Host)},{Csv(h.Model)},{h.Workloads},{h.CapacityGhz:0.####},{h.ActiveSteps},{h.OverloadSteps},{h.Slatah:0.######},{h.MeanCpu * 100:0.###},{h.PeakCpu * 100:0.###},{h.DemandGhzHours:0.###},{h.UnmetGhzHours:0.###},{h.EnergyKwh:0.####},{h.PeakMemory * 100:0.###},{h.PeakNetwork * 100:0.###}\n"));
        }

        return sb.ToString();
    }

    /// <summary>One CSV row per step of the replay (time, active hosts, watts), with a header.</summary>
    public static string StepsCsv(ReplayResult r)
    {
        var sb = new StringBuilder(r.AbsoluteTime ? "time_utc,active_hosts,power_w\n" : "seconds,active_hosts,power_w\n");
        for (var t = 0; t < r.Length; t++)
        {
            var seconds = r.Start + ((long)t * r.StepSeconds);
            var when = r.AbsoluteTime
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                : seconds.ToString(CultureInfo.InvariantCulture);
            sb.Append(Invariant($"{when},{r.ActiveHosts[t]},{r.PowerW[t]:0.###}\n"));
        }

        return sb.ToString();
    }

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;

    private static string Subtitle(ReplayResult r)
    {
        var start = r.AbsoluteTime
            ? "from " + DateTimeOffset.FromUnixTimeSeconds(r.Start).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "from the start of the traces";
        return $"{r.Hosts.Count} hosts, {r.Length:N0} steps of {r.StepSeconds} s ({Hours(r.Hours)}) {start}";
    }

    private static string Hours(double hours) => hours >= 48
        ? (hours / 24).ToString("0.#", CultureInfo.InvariantCulture) + " days"
        : hours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private static string Heat(float u)
    {
        if (float.IsNaN(u))
        {
            return "#e0e0e0";
        }

        if (u >= 1 - 1e-6)
        {
            return "#3f007d";
        }

        // White → yellow → orange → red as the load rises to capacity.
        (double At, int R, int G, int B)[] stops = [(0, 255, 255, 255), (0.4, 255, 237, 160), (0.7, 253, 141, 60), (1, 189, 0, 38)];
        var x = Math.Clamp(u, 0, 1);
        var i = 0;
        while (i < stops.Length - 2 && x > stops[i + 1].At)
        {
            i++;
        }

        var (a, b) = (stops[i], stops[i + 1]);
        var f = (x - a.At) / (b.At - a.At);
        int Mix(int p, int q) => (int)Math.Round(p + ((q - p) * f));
        return $"#{Mix(a.R, b.R):x2}{Mix(a.G, b.G):x2}{Mix(a.B, b.B):x2}";
    }

    private static string Polyline(double[] values, double top, double height, double yMax, string colour)
    {
        // At most one point per pixel column: bucket means keep the file small for long traces.
        var points = Math.Min(values.Length, PlotWidth);
        var bucket = (values.Length + points - 1) / Math.Max(1, points);
        var sb = new StringBuilder();
        var open = false;
        for (var c = 0; c * bucket < values.Length; c++)
        {
            double sum = 0;
            var n = 0;
            for (var t = c * bucket; t < Math.Min(values.Length, (c + 1) * bucket); t++)
            {
                if (!double.IsNaN(values[t]))
                {
                    sum += values[t];
                    n++;
                }
            }

            if (n == 0)
            {
                if (open)
                {
                    sb.Append("\"/>\n");
                    open = false;
                }

                continue;
            }

            var x = Left + (PlotWidth * (c * bucket + (bucket / 2.0)) / values.Length);
            var y = top + height - (height * Math.Min(sum / n, yMax) / yMax);
            if (!open)
            {
                sb.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\""));
                open = true;
            }

            sb.Append(Invariant($"{x:0.#},{y:0.#} "));
        }

        if (open)
        {
            sb.Append("\"/>\n");
        }

        return sb.ToString();
    }

    private static void YAxis(StringBuilder svg, double top, double height, double yMax, string unit)
    {
        for (var i = 0; i <= 4; i++)
        {
            var v = yMax * i / 4;
            var y = top + height - (height * i / 4);
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Left + PlotWidth}\" y2=\"{y:0.##}\" stroke=\"#eeeeee\"/>\n"));
            svg.Append(Text(Left - 6, y + 4, v.ToString("0.##", CultureInfo.InvariantCulture) + unit, "end", 11));
        }

        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{top}\" x2=\"{Left}\" y2=\"{top + height}\" stroke=\"#555555\"/>\n"));
    }

    private static void TimeAxis(StringBuilder svg, ReplayResult r, double y)
    {
        var hours = r.Hours;
        var tick = new[] { 1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720 }.FirstOrDefault(t => hours / t <= 12, 1440);
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Left + PlotWidth}\" y2=\"{y:0.##}\" stroke=\"#555555\"/>\n"));
        for (var h = 0; h <= hours + 1e-9; h += tick)
        {
            var x = Left + (PlotWidth * h / Math.Max(hours, 1e-9));
            svg.Append(Invariant($"<line x1=\"{x:0.##}\" y1=\"{y:0.##}\" x2=\"{x:0.##}\" y2=\"{y + 5:0.##}\" stroke=\"#555555\"/>\n"));
            svg.Append(Text(x, y + 18, h % 24 == 0 && h > 0 ? $"day {h / 24}" : $"{h} h", "middle", 10));
        }
    }

    private static double NiceMax(double v)
    {
        if (v <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var f in new[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (f * magnitude >= v)
            {
                return f * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static StringBuilder Begin(int height, string title, string subtitle)
    {
        var sb = new StringBuilder();
        sb.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\">\n"));
        sb.Append(Invariant($"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>\n"));
        sb.Append(Text(Left, 24, title, "start", 15, bold: true));
        sb.Append(Text(Left, 42, subtitle, "start", 11));
        return sb;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static string Text(double x, double y, string text, string anchor, int size, bool bold = false) =>
        Invariant($"<text x=\"{x:0.##}\" y=\"{y:0.##}\" font-size=\"{size}\" text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : "")}>{WebUtility.HtmlEncode(text)}</text>\n");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
