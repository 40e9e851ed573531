namespace Shuyaku.Core.Model;

/// <summary>Everything the user has and wants: sites, servers, workloads, rules, host catalog and policy.</summary>
public sealed record Estate
{
    /// <summary>The estate's name, shown in report titles.</summary>
    public string Name { get; init; } = "";

    /// <summary>The sites today's servers stand in.</summary>
    public IReadOnlyList<Site> Sites { get; init; } = [];

    /// <summary>Today's physical servers, which workload demand may be measured against.</summary>
    public IReadOnlyList<Server> Servers { get; init; } = [];

    /// <summary>What must be placed on the new hosts, in the order of the estate file.</summary>
    public IReadOnlyList<Workload> Workloads { get; init; } = [];

    /// <summary>Placement rules over the workloads.</summary>
    public IReadOnlyList<Rule> Rules { get; init; } = [];

    /// <summary>The groups of planned hosts that fence and ban rules name.</summary>
    public IReadOnlyList<HostGroup> HostGroups { get; init; } = [];

    /// <summary>The host models a plan may buy.</summary>
    public IReadOnlyList<HostModel> Catalog { get; init; } = [];

    /// <summary>How hosts are sized: headroom, overcommit, reserves, failures, growth.</summary>
    public Policy Policy { get; init; } = new();

    /// <summary>Wide-area links between sites.</summary>
    public IReadOnlyList<Link> Links { get; init; } = [];

    /// <summary>IP subnets at the sites; server subnets not listed here are known from the servers' own subnet field.</summary>
    public IReadOnlyList<Subnet> Subnets { get; init; } = [];

    /// <summary>Users' peak traffic per service and site (beside what workloads give themselves).</summary>
    public IReadOnlyList<ServiceTraffic> Traffic { get; init; } = [];

    /// <summary>Which workloads or services need which others.</summary>
    public IReadOnlyList<Dependency> Dependencies { get; init; } = [];

    /// <summary>Equipment at the sites other than servers: at campuses today's, at a data centre the target's.</summary>
    public IReadOnlyList<Equipment> Equipment { get; init; } = [];

    /// <summary>Energy, licence and administration prices for the cost over the horizon.</summary>
    public CostSettings Costs { get; init; } = new();

    /// <summary>How migration waves are bounded.</summary>
    public MigrationSettings Migration { get; init; } = new();

    /// <summary>The balancer pair and the virtual services users reach; null when the estate has no 'access' section.</summary>
    public AccessLayer? Access { get; init; }

    /// <summary>SHA-256 of the bytes the estate was read from, so a plan can name its inputs.</summary>
    public string Digest { get; init; } = "";

    /// <summary>Where the entries were written in the estate file; <see cref="SourceMap.None"/> for an estate built in code.</summary>
    public SourceMap Sources { get; init; } = SourceMap.None;

    private (IReadOnlyList<Server> Source, Dictionary<string, Server> Index)? _servers;

    /// <summary>The server with id <paramref name="id"/>, or null if there is none.</summary>
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

    /// <summary>The catalog's host model with id <paramref name="id"/>, or null if there is none.</summary>
    public HostModel? FindModel(string id) => Catalog.FirstOrDefault(m => m.Id == id);
}

/// <summary>What a site is: a campus server room or a data centre.</summary>
public enum SiteRole
{
    /// <summary>A server room on a campus or in an office.</summary>
    Campus,

    /// <summary>A data centre.</summary>
    DataCenter,
}

/// <summary>A place where today's servers stand.</summary>
/// <param name="Id">The id servers and workloads name it by.</param>
/// <param name="Name">The name reports show.</param>
/// <param name="Role">Campus server room or data centre.</param>
public sealed record Site(string Id, string Name, SiteRole Role)
{
    /// <summary>The address of the site's core router on the backbone, which routes to the site name as next hop; null if not given.</summary>
    public string? Router { get; init; }
}

/// <summary>CPU and memory of a physical machine, old or new.</summary>
/// <param name="Sockets">CPU sockets.</param>
/// <param name="CoresPerSocket">Cores in each socket.</param>
/// <param name="ClockGhz">Clock of each core in GHz.</param>
/// <param name="PerfFactor">Relative work per core per GHz, so that old and new CPUs compare (1.0 = reference).</param>
/// <param name="MemoryMib">Memory in MiB.</param>
/// <param name="DiskMib">Local disk in MiB.</param>
public sealed record Hardware(int Sockets, int CoresPerSocket, double ClockGhz, double PerfFactor, double MemoryMib, double DiskMib)
{
    /// <summary>Cores in all sockets.</summary>
    public int Cores => Sockets * CoresPerSocket;

    /// <summary>CPU capacity in normalised GHz: cores × clock × performance factor.</summary>
    public double CpuCapacity => Cores * ClockGhz * PerfFactor;
}

/// <summary>One of today's physical servers.</summary>
/// <param name="Id">The id workloads name it by.</param>
/// <param name="Site">The id of the site it stands in.</param>
/// <param name="Hardware">Its CPU, memory and disk.</param>
/// <param name="Ip">Its IP address, if given.</param>
/// <param name="Subnet">Its network in CIDR form, if given.</param>
public sealed record Server(string Id, string Site, Hardware Hardware, string? Ip, string? Subnet)
{
    /// <summary>Its IPv6 address, if given.</summary>
    public string? Ipv6 { get; init; }

    /// <summary>Watts it draws; null for the cost settings' default.</summary>
    public double? PowerW { get; init; }

    /// <summary>Price of replacing it like for like; null for the cost settings' default.</summary>
    public double? Price { get; init; }

    /// <summary>Its yearly maintenance; null for the cost settings' default.</summary>
    public double? MaintenancePerYear { get; init; }

    /// <summary>Rack units it takes; null for the cost settings' default.</summary>
    public int? RackUnits { get; init; }
}

/// <summary>A measured quantity with whatever statistics are known.</summary>
public sealed record Measure(double? Avg, double? P95, double? Peak)
{
    /// <summary>A single value, taken as the peak: the cautious reading of a number given without a statistic.</summary>
    public static Measure Of(double value) => new(null, null, value);

    /// <summary>Whether no statistic is known.</summary>
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

    /// <summary>Every known statistic times <paramref name="factor"/>.</summary>
    public Measure Scale(double factor) => new(Avg * factor, P95 * factor, Peak * factor);
}

/// <summary>The unit a workload's cpu demand was measured in.</summary>
public enum CpuUnit
{
    /// <summary>Fraction of the current server's whole CPU capacity.</summary>
    ServerFraction,
    /// <summary>Cores of the current server kept busy.</summary>
    Cores,
    /// <summary>GHz of the current server's clock kept busy.</summary>
    Ghz,
}

/// <summary>What a workload uses, as measured today.</summary>
/// <param name="Cpu">CPU use, in <paramref name="CpuUnit"/>.</param>
/// <param name="CpuUnit">The unit of <paramref name="Cpu"/>.</param>
/// <param name="MemoryMib">Memory use in MiB.</param>
/// <param name="DiskMib">Disk space used, in MiB.</param>
/// <param name="Iops">Disk operations per second.</param>
/// <param name="NetworkMbps">Network use in Mbps.</param>
public sealed record Demand(
    Measure Cpu,
    CpuUnit CpuUnit,
    Measure MemoryMib,
    double DiskMib,
    double Iops,
    Measure NetworkMbps);

/// <summary>One service instance to be placed on a new host, as a VM or, if dedicated, on a host of its own.</summary>
public sealed record Workload
{
    /// <summary>The id rules and plans name it by.</summary>
    public required string Id { get; init; }

    /// <summary>The service it is an instance of, which reports group by.</summary>
    public string Service { get; init; } = "";

    /// <summary>The software it runs.</summary>
    public string Software { get; init; } = "";

    /// <summary>The id of the site it runs at today.</summary>
    public string Site { get; init; } = "";

    /// <summary>The id of the server it runs on today; empty if none is named.</summary>
    public string Server { get; init; } = "";

    /// <summary>The vCPUs it gets as a VM; null for enough cores for its peak cpu.</summary>
    public int? Vcpus { get; init; }

    /// <summary>The security zone it belongs to; workloads of different zones never share a host.</summary>
    public string? Zone { get; init; }

    /// <summary>Whether it needs a bare-metal host of its own (a vendor that refuses virtualization).</summary>
    public bool Dedicated { get; init; }

    /// <summary>What it uses today.</summary>
    public required Demand Demand { get; init; }

    /// <summary>Whether clients reach it by address rather than by name (DNS, NTP, RADIUS, anything configured by IP), so its address must be kept.</summary>
    public bool AddressSensitive { get; init; }

    /// <summary>Its own service address, if it has one apart from its server's (an alias); inside a known subnet.</summary>
    public string? Ip { get; init; }

    /// <summary>Users' peak traffic to it by the site they are at, in Mbps in the busier direction; empty when not given.</summary>
    public IReadOnlyDictionary<string, double> Traffic { get; init; } = new Dictionary<string, double>();
}

/// <summary>What a placement rule requires of the workloads it names.</summary>
public enum RuleKind
{
    /// <summary>Each on a distinct host.</summary>
    Spread,

    /// <summary>All on one host.</summary>
    Gather,

    /// <summary>Only on hosts of one host group.</summary>
    Fence,

    /// <summary>Never on hosts of one host group.</summary>
    Ban,

    /// <summary>Alone on its host.</summary>
    Lonely,

    /// <summary>At most a limit of them on any one host.</summary>
    MaxPerHost,
}

/// <summary>A placement rule over workloads; <see cref="Group"/> is set for fence and ban, <see cref="Limit"/> for max-per-host.</summary>
public sealed record Rule(RuleKind Kind, string Name, IReadOnlyList<string> Workloads, string? Group = null, int Limit = 0)
{
    /// <summary>A max-per-host rule with no workloads listed applies to every workload.</summary>
    public bool AppliesToAll => Kind == RuleKind.MaxPerHost && Workloads.Count == 0;

    /// <summary>The rule's kind and name as messages and reports write them.</summary>
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

/// <summary>A server model a plan may buy, with its capacity, power draw and price.</summary>
public sealed record HostModel
{
    /// <summary>The id plans and options name it by.</summary>
    public required string Id { get; init; }

    /// <summary>The name reports show.</summary>
    public string Name { get; init; } = "";

    /// <summary>CPU sockets.</summary>
    public int Sockets { get; init; }

    /// <summary>Cores in each socket.</summary>
    public int CoresPerSocket { get; init; }

    /// <summary>Clock of each core in GHz.</summary>
    public double ClockGhz { get; init; }

    /// <summary>Relative work per core per GHz, so that old and new CPUs compare (1.0 = reference).</summary>
    public double PerfFactor { get; init; } = 1;

    /// <summary>Memory in MiB.</summary>
    public double MemoryMib { get; init; }

    /// <summary>Local disk in MiB.</summary>
    public double DiskMib { get; init; }

    /// <summary>Network bandwidth in Mbps.</summary>
    public double NetworkMbps { get; init; }

    /// <summary>Watts drawn idle.</summary>
    public double PowerIdleW { get; init; }

    /// <summary>Watts drawn at full CPU load.</summary>
    public double PowerMaxW { get; init; }

    /// <summary>Optional SPECpower table: watts at 0%, 10%, …, 100% CPU load (11 values); when set it replaces the linear idle–max curve.</summary>
    public IReadOnlyList<double>? SpecPowerW { get; init; }

    /// <summary>Price of one host, in whatever currency the catalog uses.</summary>
    public double Price { get; init; }

    /// <summary>Rack units one host takes.</summary>
    public int RackUnits { get; init; } = 1;

    /// <summary>Yearly maintenance of one host.</summary>
    public double MaintenancePerYear { get; init; }

    /// <summary>Cores in all sockets.</summary>
    public int Cores => Sockets * CoresPerSocket;

    /// <summary>CPU capacity in normalised GHz: cores × clock × performance factor.</summary>
    public double CpuCapacity => Cores * ClockGhz * PerfFactor;
}

/// <summary>Which statistic of measured demand sizing uses.</summary>
public enum Statistic
{
    /// <summary>The highest value measured.</summary>
    Peak,

    /// <summary>The 95th percentile.</summary>
    P95,

    /// <summary>The average.</summary>
    Avg,
}

/// <summary>How hosts are sized and how many failures a plan must survive; every value has a default.</summary>
public sealed record Policy
{
    /// <summary>The most simultaneous host failures a plan can be made for: beyond it the failure scenarios explode.</summary>
    public const int MaxFailures = 8;

    /// <summary>Target maximum utilisation in normal operation, per resource.</summary>
    public ResourceVector Headroom { get; init; } = new(0.8, 0.9, 0.7, 1.0);

    /// <summary>What survivors may reach while they carry the workloads of failed hosts.</summary>
    public double FailoverUtilisation { get; init; } = 1.0;

    /// <summary>vCPUs a host may give out per physical core.</summary>
    public double VcpuPerCore { get; init; } = 4;

    /// <summary>Memory a host may give out per MiB it has (1.0 = no overcommit).</summary>
    public double MemoryOvercommit { get; init; } = 1.0;

    /// <summary>CPU the hypervisor keeps on each host, in GHz.</summary>
    public double ReserveCpuGhz { get; init; }

    /// <summary>Memory the hypervisor keeps on each host, in MiB.</summary>
    public double ReserveMemoryMib { get; init; } = 2048;

    /// <summary>CPU each VM costs beyond its workload, in GHz.</summary>
    public double OverheadCpuGhz { get; init; }

    /// <summary>Memory each VM costs beyond its workload, in MiB.</summary>
    public double OverheadMemoryMib { get; init; } = 128;

    /// <summary>Simultaneous host failures the plan must survive (N+k).</summary>
    public int Failures { get; init; } = 1;

    /// <summary>Demand growth per year, as a fraction (0.1 = 10%).</summary>
    public double GrowthPerYear { get; init; }

    /// <summary>Years of growth the plan must hold.</summary>
    public int HorizonYears { get; init; } = 5;

    /// <summary>Which statistic of measured demand sizing uses.</summary>
    public Statistic Statistic { get; init; } = Statistic.Peak;

    /// <summary>Share of the datastore kept free.</summary>
    public double StorageFreeSpace { get; init; } = 0.2;
}
