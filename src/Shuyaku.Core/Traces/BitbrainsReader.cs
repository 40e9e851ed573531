using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>
/// Bitbrains GWA-T-12 VM traces: a header, then one row per sample, fields separated by ';' and a tab, gzip allowed.
/// "Timestamp [ms]" holds Unix seconds despite its label. CPU usage [%] is of the VM's provisioned CPU; memory KB are
/// kibibytes; throughputs are KB/s, read as 1000 bytes.
/// </summary>
internal static class BitbrainsReader
{
    private const string Timestamp = "Timestamp [ms]";
    private const string CpuPercent = "CPU usage [%]";
    private const string MemoryKb = "Memory usage [KB]";
    private const string DiskRead = "Disk read throughput [KB/s]";
    private const string DiskWrite = "Disk write throughput [KB/s]";
    private const string NetIn = "Network received throughput [KB/s]";
    private const string NetOut = "Network transmitted throughput [KB/s]";

    public static bool LooksLikeHeader(string line) => line.TrimStart().StartsWith(Timestamp, StringComparison.OrdinalIgnoreCase) && line.Contains(';', StringComparison.Ordinal);

    public static void Read(IReadOnlyList<string> files, RawTraces raw, TraceErrors errors)
    {
        TraceText.EachFile(files, errors, file => ReadFile(file, raw, errors));
    }

    private static void ReadFile(string file, RawTraces raw, TraceErrors errors)
    {
        var name = TraceText.SeriesName(file);
        if (raw.IndexOf(name) >= 0)
        {
            errors.Add(file, 0, 0, Texts.Format("trace.bitbrains.twice", name));
            return;
        }

        using var reader = TraceText.Open(file);
        var header = reader.ReadLine();
        if (header is null)
        {
            errors.Add(file, 1, 1, Texts.Get("trace.bitbrains.empty"));
            return;
        }

        var fields = new List<Field>();
        TraceText.Split(header, ';', fields);
        int Col(string title) => fields.FindIndex(f => string.Equals(f.Text, title, StringComparison.OrdinalIgnoreCase));
        var ts = Col(Timestamp);
        var cpu = Col(CpuPercent);
        if (ts < 0 || cpu < 0)
        {
            errors.Add(file, 1, 1, Texts.Format("trace.bitbrains.header", ts < 0 ? Timestamp : CpuPercent, Timestamp, CpuPercent));
            return;
        }

        int mem = Col(MemoryKb), dr = Col(DiskRead), dw = Col(DiskWrite), ni = Col(NetIn), no = Col(NetOut);
        var columns = fields.Count;
        var series = raw.GetOrAdd(name, file);
        var lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null && !errors.Full)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            TraceText.Split(line, ';', fields);
            if (fields.Count != columns)
            {
                errors.Add(file, lineNo, 1, Texts.Format("trace.bitbrains.fields", fields.Count, columns));
                continue;
            }

            var ok = Number(fields[ts], "trace.field.timestamp", out var t) && InRange(fields[ts], t);
            ok &= Number(fields[cpu], "trace.field.cpu-usage", out var c);
            double m = 0, d1 = 0, d2 = 0, n1 = 0, n2 = 0;
            ok &= mem < 0 || Number(fields[mem], "trace.field.memory-usage", out m);
            ok &= dr < 0 || Number(fields[dr], "trace.field.disk-read", out d1);
            ok &= dw < 0 || Number(fields[dw], "trace.field.disk-write", out d2);
            ok &= ni < 0 || Number(fields[ni], "trace.field.network-received", out n1);
            ok &= no < 0 || Number(fields[no], "trace.field.network-transmitted", out n2);
            if (!ok)
            {
                continue;
            }

            var time = (long)Math.Round(t);
            if (!raw.Add(series, Metric.Cpu, time, (float)c))
            {
                errors.Add(file, lineNo, fields[ts].Column, TraceErrors.FarTime(fields[ts].Text));
                continue;
            }

            if (mem >= 0)
            {
                _ = raw.Add(series, Metric.Memory, time, (float)(m / 1024));
            }

            if (dr >= 0 || dw >= 0)
            {
                _ = raw.Add(series, Metric.Disk, time, (float)((d1 + d2) / 1000));
            }

            if (ni >= 0 || no >= 0)
            {
                _ = raw.Add(series, Metric.Network, time, (float)((n1 + n2) * 8 / 1000));
            }
        }

        if (series[Metric.Cpu] is null && !errors.Full)
        {
            errors.Warn(file, 1, 1, Texts.Format("trace.bitbrains.no-samples", name));
        }

        // The field's name is a key, looked up only when the field is wrong (a trace has millions of fields).
        bool Number(Field f, string whatKey, out double value)
        {
            if (TraceText.Value(f.Text, out value) is not { } wrong)
            {
                return true;
            }

            errors.Add(file, lineNo, f.Column, Texts.Format("trace.bad", Texts.Get(whatKey), PlanetLabReader.Cut(f.Text), wrong));
            return false;
        }

        bool InRange(Field f, double seconds)
        {
            if (TraceText.TimeRange(seconds) is not { } wrong)
            {
                return true;
            }

            errors.Add(file, lineNo, f.Column, Texts.Format("trace.bad", Texts.Get("trace.field.timestamp"), PlanetLabReader.Cut(f.Text), wrong));
            return false;
        }
    }
}
