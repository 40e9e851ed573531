namespace Shuyaku.Core.Model;

/// <summary>Everything the user has and wants: sites, servers, workloads, rules, host catalog and policy.</summary>
public sealed record Estate
{
    public string Name { get; init; } = "";
    public IReadOnlyList<Site> Sites { get; init; } = [];
    public IReadOnlyList<Server> Servers { get; init; } = [];
    public IReadOnlyList<Workload> Workloads { get; init; } = [];
    public IReadOnlyList<Rule> Rules { get; init; } = [];
    public IReadOnlyList<HostGroup> HostGroups { get; init; } = [];
    public IReadOnlyList<HostModel> Catalog { get; init; } = [];
    public Policy Policy { get; init; } = new();

    /// <summary>SHA-256 of the bytes the estate was read from, so a plan can name its inputs.</summary>
    public string Digest { get; init; } = "";

    /// <summary>Where the entries were written in the estate file; <see cref="SourceMap.None"/> for an estate built in code.</summary>
    public SourceMap Sources { get; init; } = SourceMap.None;

    private (IReadOnlyList<Server> Source, Dictionary<string, Server> Index)? _servers;

    public Server? FindServer(string id)
    {
        // Built on first use and rebuilt if a copy made with 'with' carries another list.
        if (_servers is not { } cache || !ReferenceEquals(cache.Source, Servers))
        {
            var index = new Dictionary<string, Server>(StringComparer.Ordinal);
            foreach (var s in Servers)
            {
                index.TryAdd(s.Id, s);
            }

            _servers = cache = (Servers, index);
        }

        return cache.Index.GetValueOrDefault(id);
    }

    public HostModel? FindModel(string id) => Catalog.FirstOrDefault(m => m.Id == id);
}

public enum SiteRole
{
    Campus,
    DataCenter,
}

public sealed record Site(string Id, string Name, SiteRole Role);

/// <summary>CPU and memory of a physical machine, old or new.</summary>
/// <param name="PerfFactor">Relative work per core per GHz, so that old and new CPUs compare (1.0 = reference).</param>
public sealed record Hardware(int Sockets, int CoresPerSocket, double ClockGhz, double PerfFactor, double MemoryMib, double DiskMib)
{
    public int Cores => Sockets * CoresPerSocket;

    /// <summary>CPU capacity in normalised GHz: cores × clock × performance factor.</summary>
    public double CpuCapacity => Cores * ClockGhz * PerfFactor;
}

public sealed record Server(string Id, string Site, Hardware Hardware, string? Ip, string? Subnet);

/// <summary>A measured quantity with whatever statistics are known.</summary>
public sealed record Measure(double? Avg, double? P95, double? Peak)
{
    public static Measure Of(double value) => new(null, null, value);

    public bool IsEmpty => Avg is null && P95 is null && Peak is null;

    /// <summary>The value for <paramref name="statistic"/>; when it is unknown, the next more cautious one that is known.</summary>
    public double Pick(Statistic statistic)
    {
        double? v = statistic switch
        {
            Statistic.Peak => Peak ?? P95 ?? Avg,
            Statistic.P95 => P95 ?? Peak ?? Avg,
            _ => Avg ?? P95 ?? Peak,
        };
        return v ?? 0;
    }

    public Measure Scale(double factor) => new(Avg * factor, P95 * factor, Peak * factor);
}

public enum CpuUnit
{
    /// <summary>Fraction of the current server's whole CPU capacity.</summary>
    ServerFraction,
    /// <summary>Cores of the current server kept busy.</summary>
    Cores,
    /// <summary>GHz of the current server's clock kept busy.</summary>
    Ghz,
}

public sealed record Demand(
    Measure Cpu,
    CpuUnit CpuUnit,
    Measure MemoryMib,
    double DiskMib,
    double Iops,
    Measure NetworkMbps);

public sealed record Workload
{
    public required string Id { get; init; }
    public string Service { get; init; } = "";
    public string Software { get; init; } = "";
    public string Site { get; init; } = "";
    public string Server { get; init; } = "";
    public int? Vcpus { get; init; }
    public string? Zone { get; init; }
    public bool Dedicated { get; init; }
    public required Demand Demand { get; init; }
}

public enum RuleKind
{
    Spread,
    Gather,
    Fence,
    Ban,
    Lonely,
    MaxPerHost,
}

/// <summary>A placement rule over workloads; <see cref="Group"/> is set for fence and ban, <see cref="Limit"/> for max-per-host.</summary>
public sealed record Rule(RuleKind Kind, string Name, IReadOnlyList<string> Workloads, string? Group = null, int Limit = 0)
{
    /// <summary>A max-per-host rule with no workloads listed applies to every workload.</summary>
    public bool AppliesToAll => Kind == RuleKind.MaxPerHost && Workloads.Count == 0;

    public string Describe() => Kind switch
    {
        RuleKind.Spread => $"spread '{Name}'",
        RuleKind.Gather => $"gather '{Name}'",
        RuleKind.Fence => $"fence '{Name}' (only on host group '{Group}')",
        RuleKind.Ban => $"ban '{Name}' (never on host group '{Group}')",
        RuleKind.Lonely => $"lonely '{Name}'",
        RuleKind.MaxPerHost => $"max-per-host '{Name}' (at most {Limit})",
        _ => Name,
    };
}

/// <summary>A named set of planned hosts (licensing or hardware island) that fence and ban rules refer to.</summary>
public sealed record HostGroup(string Id, string Name);

public sealed record HostModel
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public int Sockets { get; init; }
    public int CoresPerSocket { get; init; }
    public double ClockGhz { get; init; }
    public double PerfFactor { get; init; } = 1;
    public double MemoryMib { get; init; }
    public double DiskMib { get; init; }
    public double NetworkMbps { get; init; }
    public double PowerIdleW { get; init; }
    public double PowerMaxW { get; init; }

    /// <summary>Optional SPECpower table: watts at 0%, 10%, …, 100% CPU load (11 values); when set it replaces the linear idle–max curve.</summary>
    public IReadOnlyList<double>? SpecPowerW { get; init; }
    public double Price { get; init; }
    public int RackUnits { get; init; } = 1;

    public int Cores => Sockets * CoresPerSocket;

    public double CpuCapacity => Cores * ClockGhz * PerfFactor;
}

public enum Statistic
{
    Peak,
    P95,
    Avg,
}

public sealed record Policy
{
    /// <summary>The most simultaneous host failures a plan can be made for: beyond it the failure scenarios explode.</summary>
    public const int MaxFailures = 8;

    /// <summary>Target maximum utilisation in normal operation, per resource.</summary>
    public ResourceVector Headroom { get; init; } = new(0.8, 0.9, 0.7, 1.0);

    /// <summary>What survivors may reach while they carry the workloads of failed hosts.</summary>
    public double FailoverUtilisation { get; init; } = 1.0;

    public double VcpuPerCore { get; init; } = 4;
    public double MemoryOvercommit { get; init; } = 1.0;
    public double ReserveCpuGhz { get; init; }
    public double ReserveMemoryMib { get; init; } = 2048;
    public double OverheadCpuGhz { get; init; }
    public double OverheadMemoryMib { get; init; } = 128;
    public int Failures { get; init; } = 1;
    public double GrowthPerYear { get; init; }
    public int HorizonYears { get; init; } = 5;
    public Statistic Statistic { get; init; } = Statistic.Peak;

    /// <summary>Share of the datastore kept free.</summary>
    public double StorageFreeSpace { get; init; } = 0.2;
}
