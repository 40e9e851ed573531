namespace Shuyaku.Core.Model;

/// <summary>One period of a link's history: the technology and bandwidth it had from a year on.</summary>
/// <param name="Year">The year the period began.</param>
/// <param name="Technology">What carried the link (ATM, wide-area Ethernet, ...).</param>
/// <param name="BandwidthMbps">The bandwidth in that period, in Mbps.</param>
public sealed record LinkEra(int Year, string Technology, double BandwidthMbps);

/// <summary>A wide-area link between two sites; links carry traffic both ways and several may join the same pair.</summary>
public sealed record Link
{
    /// <summary>The id move plans name it by.</summary>
    public required string Id { get; init; }

    /// <summary>The id of one end's site.</summary>
    public required string From { get; init; }

    /// <summary>The id of the other end's site.</summary>
    public required string To { get; init; }

    /// <summary>The bandwidth today, in Mbps, in each direction.</summary>
    public required double BandwidthMbps { get; init; }

    /// <summary>One-way latency in milliseconds, if known.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The share of the bandwidth user traffic may fill at its peak (0.7 = 70%).</summary>
    public double TargetUtilisation { get; init; } = 0.7;

    /// <summary>What carried the link before, oldest first; informative, the move uses <see cref="BandwidthMbps"/>.</summary>
    public IReadOnlyList<LinkEra> History { get; init; } = [];
}

/// <summary>An IP subnet at a site: a server subnet that may move, or any other network the estate names.</summary>
public sealed record Subnet
{
    /// <summary>The IPv4 prefix in CIDR form (10.10.1.0/24).</summary>
    public required string Prefix { get; init; }

    /// <summary>The id of the site it is routed to today.</summary>
    public required string Site { get; init; }

    /// <summary>Its default gateway, if known; inside the prefix.</summary>
    public string? Gateway { get; init; }

    /// <summary>Its VLAN id (1–4094), if known.</summary>
    public int? Vlan { get; init; }

    /// <summary>The IPv6 prefix that runs beside it on the same VLAN, if any.</summary>
    public string? Ipv6Prefix { get; init; }
}

/// <summary>Users' peak traffic from one site to a service, in Mbps, shared among the service's workloads.</summary>
/// <param name="Service">The service (as workloads name it).</param>
/// <param name="Site">The site the users are at.</param>
/// <param name="PeakMbps">Their peak traffic, in Mbps, in the busier direction.</param>
public sealed record ServiceTraffic(string Service, string Site, double PeakMbps);

/// <summary>That <see cref="From"/> needs <see cref="To"/> (a mail server needs DNS): each is a workload id or a service name.</summary>
/// <param name="From">The workload or service that needs the other.</param>
/// <param name="To">The workload or service it needs.</param>
public sealed record Dependency(string From, string To);

/// <summary>How migration waves are bounded; every value has a default.</summary>
public sealed record MigrationSettings
{
    /// <summary>The most servers one wave moves.</summary>
    public int MaxServersPerWave { get; init; } = 10;

    /// <summary>The most data one wave copies, in MiB; null for no limit beyond the window.</summary>
    public double? MaxMibPerWave { get; init; }

    /// <summary>The maintenance window one wave must fit in, in hours.</summary>
    public double WindowHours { get; init; } = 8;

    /// <summary>The share of each link's bandwidth a wave's copies may use (0.5 = 50%).</summary>
    public double BandwidthShare { get; init; } = 0.5;

    /// <summary>Time to switch one server over once its data is copied (stop, final sync, start), in hours.</summary>
    public double SwitchoverHours { get; init; } = 0.25;
}
