using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.WhatIf;

/// <summary>Percentages per resource; a resource left null is not changed.</summary>
/// <param name="Cpu">CPU.</param>
/// <param name="Memory">Memory.</param>
/// <param name="Network">Network.</param>
/// <param name="Disk">Disk space and IOPS (growth only; headroom has no disk).</param>
public sealed record ResourcePercents(double? Cpu = null, double? Memory = null, double? Network = null, double? Disk = null)
{
    /// <summary>The same percentage on every resource.</summary>
    public static ResourcePercents All(double percent) => new(percent, percent, percent, percent);

    /// <summary>
    /// Reads <c>PCT</c> (every resource) or <c>cpu=PCT,mem=PCT,net=PCT,disk=PCT</c> (any of them, each once; <c>memory</c>
    /// and <c>network</c> are accepted too); a trailing <c>%</c> is allowed. Without <paramref name="disk"/> (headroom)
    /// there is no disk. Null with <paramref name="error"/> when it does not read.
    /// </summary>
    public static ResourcePercents? Parse(string text, out string? error, bool disk = true)
    {
        error = null;
        text = text.Trim();
        if (Number(text) is { } all)
        {
            return disk ? All(all) : new(all, all, all);
        }

        var result = new ResourcePercents();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            var name = key switch
            {
                "cpu" => "cpu",
                "mem" or "memory" => "mem",
                "net" or "network" => "net",
                "disk" when disk => "disk",
                _ => null,
            };
            if (eq < 0 || name is null)
            {
                error = Texts.Format(disk ? "whatif.error.percent.disk" : "whatif.error.percent", part);
                return null;
            }

            if (Number(part[(eq + 1)..]) is not { } value)
            {
                error = Texts.Format("whatif.error.not-percentage", part[(eq + 1)..].Trim(), key);
                return null;
            }

            if (!seen.Add(name))
            {
                error = Texts.Format("whatif.error.twice", key);
                return null;
            }

            result = name switch
            {
                "cpu" => result with { Cpu = value },
                "mem" => result with { Memory = value },
                "net" => result with { Network = value },
                _ => result with { Disk = value },
            };
        }

        return result;
    }

    /// <summary>The percentages as text, in the syntax <see cref="Parse"/> reads.</summary>
    public string Describe()
    {
        if (Cpu is { } c && Memory == c && Network == c && (Disk is null || Disk == c))
        {
            return F(c) + "%";
        }

        var parts = new List<string>();
        Add("cpu", Cpu);
        Add("mem", Memory);
        Add("net", Network);
        Add("disk", Disk);
        return string.Join(",", parts);

        void Add(string name, double? v)
        {
            if (v is { } x)
            {
                parts.Add($"{name}={F(x)}%");
            }
        }
    }

    private static string F(double v) => Text(v);

    /// <summary>
    /// A number as the what-if's texts write it: up to three decimals, the invariant way; from a billion up (in size) in
    /// scientific notation (<c>1E+308</c>, <c>-2.5E+10</c>), so a huge value given on the command line reads as the user
    /// wrote it rather than as hundreds of digits.
    /// </summary>
    internal static string Text(double v) =>
        v.ToString(Math.Abs(v) < 1e9 ? "0.###" : "0.###E+0", CultureInfo.InvariantCulture);

    private static double? Number(string text) =>
        double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}

/// <summary>Copies of an existing workload to add.</summary>
/// <param name="Workload">The workload copied.</param>
/// <param name="Count">How many copies (1 to 10,000).</param>
public sealed record WorkloadCopies(string Workload, int Count);

/// <summary>New workloads given by their demand (measured as a peak, CPU in GHz of the reference CPU).</summary>
/// <param name="Id">Its id; with a count above 1 the copies are <c>ID-1</c>, <c>ID-2</c>, ….</param>
/// <param name="CpuGhz">CPU in GHz (performance factor 1).</param>
/// <param name="MemoryMib">Memory in MiB.</param>
/// <param name="NetworkMbps">Network in Mbps.</param>
/// <param name="DiskMib">Disk space in MiB.</param>
/// <param name="Count">How many (1 to 10,000).</param>
/// <param name="Zone">Its isolation zone, if any.</param>
public sealed record NewWorkload(string Id, double CpuGhz, double MemoryMib, double NetworkMbps = 0, double DiskMib = 0, int Count = 1, string? Zone = null);

/// <summary>What a what-if changes: hosts failed in the plan, and changes to the estate that call for a new plan.</summary>
public sealed record WhatIfChanges
{
    /// <summary>Hosts of the plan that fail together (analysed on the plan as it is).</summary>
    public IReadOnlyList<string> FailHosts { get; init; } = [];

    /// <summary>Growth of every workload's demand, in percent per resource (negative shrinks); null for none.</summary>
    public ResourcePercents? Growth { get; init; }

    /// <summary>Copies of existing workloads to add.</summary>
    public IReadOnlyList<WorkloadCopies> Copies { get; init; } = [];

    /// <summary>New workloads to add.</summary>
    public IReadOnlyList<NewWorkload> NewWorkloads { get; init; } = [];

    /// <summary>The policy's headroom in percent for cpu, memory and network; null keeps the estate's.</summary>
    public ResourcePercents? Headroom { get; init; }

    /// <summary>The host model to plan with instead of the plan's choice; null keeps how the plan chose.</summary>
    public string? HostModel { get; init; }

    /// <summary>Whether anything changes the estate or the model, so that a new plan is made.</summary>
    public bool Replans => Growth is not null || Copies.Count > 0 || NewWorkloads.Count > 0 || Headroom is not null || HostModel is not null;

    /// <summary>Whether nothing at all is asked.</summary>
    public bool IsEmpty => FailHosts.Count == 0 && !Replans;
}
