using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.WhatIf;

/// <summary>What-if changes written as text, as <c>shuyaku what-if</c>'s options and the console's form write them.</summary>
public static class WhatIfText
{
    /// <summary>
    /// The changes asked in the command line's words (docs/what-if.md): hosts to fail and <c>WORKLOAD=COUNT</c> copies,
    /// each entry possibly a comma-separated list; new workloads as <c>ID,cpu=GHZ,mem=MIB[,net=MBPS][,disk=MIB][,count=N][,zone=ZONE]</c>;
    /// growth and headroom as <see cref="ResourcePercents.Parse"/> reads them. Everything that does not read adds to
    /// <paramref name="errors"/>, naming the option.
    /// </summary>
    public static WhatIfChanges Changes(string[] fail, string? growth, string[] add, string[] added, string? headroom, string? hostModel, List<string> errors)
    {
        var failed = fail.SelectMany(f => f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        var copies = new List<WorkloadCopies>();
        foreach (var a in add.SelectMany(a => a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var eq = a.LastIndexOf('=');
            if (eq <= 0 || !int.TryParse(a[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                errors.Add(Texts.Format("whatif.error.add", a));
                continue;
            }

            copies.Add(new WorkloadCopies(a[..eq], count));
        }

        var fresh = added.Select(n => NewWorkload(n, errors)).OfType<NewWorkload>().ToList();
        return new WhatIfChanges
        {
            FailHosts = failed,
            Growth = Percents("--growth", growth, errors),
            Copies = copies,
            NewWorkloads = fresh,
            Headroom = Percents("--headroom", headroom, errors),
            HostModel = hostModel,
        };
    }

    private static ResourcePercents? Percents(string option, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var read = ResourcePercents.Parse(text, out var error, disk: option == "--growth");
        if (error is not null)
        {
            errors.Add($"{option} {error}");
        }

        return read;
    }

    /// <summary>Reads <c>ID,cpu=GHZ,mem=MIB[,net=MBPS][,disk=MIB][,count=N][,zone=ZONE]</c>.</summary>
    private static NewWorkload? NewWorkload(string text, List<string> errors)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            if (eq < 0 || key is not ("cpu" or "mem" or "net" or "disk" or "count" or "zone") || !values.TryAdd(key, part[(eq + 1)..].Trim()))
            {
                errors.Add(Texts.Format("whatif.error.new-field", text, part));
                return null;
            }
        }

        if (parts[0].Length == 0 || !values.ContainsKey("cpu") || !values.ContainsKey("mem"))
        {
            errors.Add(Texts.Format("whatif.error.new-needs", text));
            return null;
        }

        double Number(string key)
        {
            if (!values.TryGetValue(key, out var v))
            {
                return 0;
            }

            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            {
                return x;
            }

            errors.Add(Texts.Format("whatif.error.new-number", text, key, v));
            return 0;
        }

        var count = 1;
        if (values.TryGetValue("count", out var c) && !int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out count))
        {
            errors.Add(Texts.Format("whatif.error.new-whole", text, c));
        }

        return new NewWorkload(parts[0], Number("cpu"), Number("mem"), Number("net"), Number("disk"), count, values.GetValueOrDefault("zone"));
    }
}
