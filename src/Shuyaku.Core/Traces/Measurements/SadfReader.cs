using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces.Measurements;

/// <summary>
/// Reads the output of sysstat's <c>sadf -d</c> (<c>sadf -d FILE -- -u -r -d -n DEV</c>): sections of
/// <c>;</c>-separated rows, each headed by a <c># hostname;interval;timestamp;...</c> line. The CPU, memory, disk and
/// network sections become cpu %, memory MiB, disk MB/s and network Mbps per host; the rules are in docs/import.md.
/// </summary>
public static class SadfReader
{
    private enum Section
    {
        None,
        Cpu,
        Memory,
        Disk,
        Network,
    }

    private static readonly string[] SkippedDiskPrefixes = ["dm-", "md", "loop", "ram", "zram", "sr", "fd"];
    private static readonly string[] SkippedInterfacePrefixes = ["lo", "veth", "docker", "br-", "virbr", "cni", "flannel", "ifb", "tun", "tap"];

    /// <summary>
    /// Reads <paramref name="files"/>; every series is named by its host, or <paramref name="workload"/> when given
    /// (then the files must hold one host).
    /// </summary>
    public static ReadResult<MeasurementImport> Read(IReadOnlyList<string> files, string? workload = null)
    {
        var errors = new TraceErrors();
        var read = new List<string>();
        var skipped = new List<string>();
        // (host, time, metric) → summed value; disks and interfaces add up per time.
        var values = new Dictionary<(string Host, long Time, Metric Metric), double>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                errors.Add(file, 1, 1, Texts.Get("trace.sar.missing"));
                continue;
            }

            try
            {
                ReadFile(file, values, errors, read, skipped);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors.Add(file, 0, 0, Texts.Format("trace.measure.unreadable", e.Message));
            }
        }

        if (errors.Errors.Count > 0)
        {
            return ReadResult<MeasurementImport>.Failed(errors.Errors, errors.Warnings);
        }

        if (values.Count == 0)
        {
            return ReadResult<MeasurementImport>.Failed([new Diagnostic(files.Count > 0 ? files[0] : "", 1, 1,
                Texts.Get("trace.sar.nothing"))], errors.Warnings);
        }

        var hosts = values.Keys.Select(k => k.Host).Distinct().Order(StringComparer.Ordinal).ToList();
        if (workload is not null && hosts.Count > 1)
        {
            return ReadResult<MeasurementImport>.Failed([new Diagnostic(files[0], 1, 1,
                Texts.Format("trace.sar.hosts", hosts.Count, string.Join(", ", hosts)))], errors.Warnings);
        }

        var samples = MeasurementImport.Ordered(values.Select(kv => new Sample(workload ?? kv.Key.Host, kv.Key.Time, kv.Key.Metric, kv.Value)));
        foreach (var host in hosts)
        {
            var metrics = values.Keys.Where(k => k.Host == host).GroupBy(k => k.Metric).OrderBy(g => g.Key)
                .Select(g => $"{TraceSet.MetricNames[(int)g.Key]} {g.Count()}");
            read.Add(workload is null
                ? Texts.Format("trace.sar.read-host", host, string.Join(", ", metrics))
                : Texts.Format("trace.sar.read-host-as", host, workload, string.Join(", ", metrics)));
        }

        return ReadResult<MeasurementImport>.Ok(new MeasurementImport(samples, read, skipped), errors.Warnings);
    }

    private static void ReadFile(
        string file,
        Dictionary<(string, long, Metric), double> values,
        TraceErrors errors,
        List<string> read,
        List<string> skipped)
    {
        using var reader = TraceText.Open(file);
        var fields = new List<Field>();
        string[] header = [];
        var section = Section.None;
        var rows = 0;
        var otherRows = 0;
        var coveredRows = 0;
        var noZone = false;
        string? line;
        var lineNo = 0;
        while ((line = reader.ReadLine()) is not null && !errors.Full)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                header = line.TrimStart('#', ' ').Split(';').Select(h => h.Trim()).ToArray();
                section = Classify(header);
                if (header.Length < 3 || !header[0].Equals("hostname", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(file, lineNo, 1, Texts.Get("trace.sar.header"));
                    return;
                }

                if (section == Section.None)
                {
                    skipped.Add(Texts.Format("trace.sar.skipped-section", $"{Path.GetFileName(file)}:{lineNo}", string.Join(";", header.Skip(3).Take(4))));
                }

                continue;
            }

            if (header.Length == 0)
            {
                errors.Add(file, lineNo, 1, Texts.Get("trace.sar.row-before-header"));
                return;
            }

            TraceText.Split(line, ';', fields);
            if (fields.Count != header.Length)
            {
                errors.Add(file, lineNo, 1, Texts.Format("trace.sar.fields", fields.Count, header.Length));
                continue;
            }

            if (section == Section.None)
            {
                otherRows++;
                continue;
            }

            if (Time(fields[2].Text, ref noZone) is not { } time)
            {
                errors.Add(file, lineNo, fields[2].Column, Texts.Format("trace.sar.time", fields[2].Text));
                continue;
            }

            var host = fields[0].Text.Length == 0 ? Path.GetFileNameWithoutExtension(file) : fields[0].Text;
            var added = section switch
            {
                Section.Cpu => Cpu(header, fields),
                Section.Memory => Memory(header, fields),
                Section.Disk => Sum(header, fields, "DEV", SkippedDiskPrefixes, IsPartition, Disk),
                _ => Sum(header, fields, "IFACE", SkippedInterfacePrefixes, _ => false, Network),
            };
            if (added is { Error: { } error })
            {
                errors.Add(file, lineNo, error.Column, error.Message);
                continue;
            }

            if (added is { Value: { } value })
            {
                var metric = section switch { Section.Cpu => Metric.Cpu, Section.Memory => Metric.Memory, Section.Disk => Metric.Disk, _ => Metric.Network };
                var key = (host, time, metric);
                values[key] = values.GetValueOrDefault(key) + value;
                rows++;
            }
            else if (added is null)
            {
                coveredRows++;
            }
        }

        if (noZone)
        {
            errors.Warn(file, 1, 1, Texts.Get("trace.sar.no-zone"));
        }

        read.Add(Texts.Format("trace.sar.read-file", Path.GetFileName(file), rows)
                 + (coveredRows > 0 ? Texts.Format("trace.sar.read-covered", coveredRows) : "")
                 + (otherRows > 0 ? Texts.Format("trace.sar.read-other", otherRows) : ""));
    }

    private static Section Classify(string[] header)
    {
        bool Has(string name) => header.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (Has("CPU") && Has("%idle"))
        {
            return Section.Cpu;
        }

        if (Has("kbmemused"))
        {
            return Section.Memory;
        }

        if (Has("DEV") && (Has("rkB/s") || Has("rd_sec/s")))
        {
            return Section.Disk;
        }

        return Has("IFACE") && Has("rxkB/s") && Has("txkB/s") ? Section.Network : Section.None;
    }

    private static long? Time(string text, ref bool noZone)
    {
        var t = text.Trim();
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return unix;
        }

        var utc = t.EndsWith(" UTC", StringComparison.Ordinal) || t.EndsWith(" GMT", StringComparison.Ordinal);
        if (utc)
        {
            t = t[..^4];
        }

        if (!DateTime.TryParseExact(t, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return null;
        }

        noZone |= !utc;
        return new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeSeconds();
    }

    private static (double? Value, (int Column, string Message)? Error)? Cpu(string[] header, List<Field> fields)
    {
        var cpu = fields[Array.FindIndex(header, h => h.Equals("CPU", StringComparison.OrdinalIgnoreCase))].Text;
        if (cpu is not ("-1" or "all"))
        {
            return null; // one processor of -P ALL: the all-processor row carries the machine
        }

        double idle = 0;
        foreach (var name in (string[])["%idle", "%iowait", "%steal"])
        {
            var i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                continue;
            }

            if (MeasureText.Number(fields[i].Text) is not { } v)
            {
                return (null, (fields[i].Column, Texts.Format("trace.measure.not-number", name, fields[i].Text)));
            }

            idle += v;
        }

        return (Math.Clamp(100 - idle, 0, 100), null);
    }

    private static (double? Value, (int Column, string Message)? Error)? Memory(string[] header, List<Field> fields)
    {
        double? Column(string name)
        {
            var i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            return i < 0 ? 0 : MeasureText.Number(fields[i].Text);
        }

        var used = Column("kbmemused");
        if (used is null)
        {
            var i = Array.FindIndex(header, h => h.Equals("kbmemused", StringComparison.OrdinalIgnoreCase));
            return (null, (fields[i].Column, Texts.Format("trace.measure.not-number", "kbmemused", fields[i].Text)));
        }

        // Before sysstat 11.5 (no kbavail column) kbmemused counted buffers and page cache; take them out.
        var old = !header.Contains("kbavail", StringComparer.OrdinalIgnoreCase);
        var kb = old ? used.Value - (Column("kbbuffers") ?? 0) - (Column("kbcached") ?? 0) : used.Value;
        return (Math.Max(0, kb) / 1024, null);
    }

    private static bool IsPartition(string device) =>
        (device.StartsWith("nvme", StringComparison.Ordinal) && device.Contains('p', StringComparison.Ordinal) && device.LastIndexOf('p') > device.IndexOf('n', 4))
        || ((device.StartsWith("sd", StringComparison.Ordinal) || device.StartsWith("vd", StringComparison.Ordinal) || device.StartsWith("xvd", StringComparison.Ordinal) || device.StartsWith("hd", StringComparison.Ordinal))
            && char.IsAsciiDigit(device[^1]));

    private static (double? Value, (int Column, string Message)? Error)? Sum(
        string[] header, List<Field> fields, string nameColumn, string[] skippedPrefixes, Func<string, bool> partOf, Func<string[], List<Field>, (double? Value, (int Column, string Message)? Error)> value)
    {
        var name = fields[Array.FindIndex(header, h => h.Equals(nameColumn, StringComparison.OrdinalIgnoreCase))].Text;
        if (skippedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || partOf(name))
        {
            return null; // counted by the device below it (or virtual): adding it would count the bytes twice, so the row is not used
        }

        return value(header, fields);
    }

    private static (double? Value, (int Column, string Message)? Error) Rate(string[] header, List<Field> fields, string a, string b, double factor)
    {
        var ia = Array.FindIndex(header, h => h.Equals(a, StringComparison.OrdinalIgnoreCase));
        var ib = Array.FindIndex(header, h => h.Equals(b, StringComparison.OrdinalIgnoreCase));
        if (ia < 0 || ib < 0)
        {
            return (null, null);
        }

        var va = MeasureText.Number(fields[ia].Text);
        var vb = MeasureText.Number(fields[ib].Text);
        if (va is null || vb is null)
        {
            var bad = va is null ? ia : ib;
            return (null, (fields[bad].Column, Texts.Format("trace.measure.not-number", header[bad], fields[bad].Text)));
        }

        return ((va.Value + vb.Value) * factor, null);
    }

    // kB are 1,024 bytes in sysstat; a sector is 512 bytes; MB/s and Mbps are decimal, as docs/traces.md says.
    private static (double? Value, (int Column, string Message)? Error) Disk(string[] header, List<Field> fields) =>
        header.Contains("rkB/s", StringComparer.OrdinalIgnoreCase)
            ? Rate(header, fields, "rkB/s", "wkB/s", 1024 / 1e6)
            : Rate(header, fields, "rd_sec/s", "wr_sec/s", 512 / 1e6);

    private static (double? Value, (int Column, string Message)? Error) Network(string[] header, List<Field> fields) =>
        Rate(header, fields, "rxkB/s", "txkB/s", 1024 * 8 / 1e6);
}
