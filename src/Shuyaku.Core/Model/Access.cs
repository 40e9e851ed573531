namespace Shuyaku.Core.Model;

/// <summary>The protocol a virtual service speaks; it decides which daemon carries it and how it is checked.</summary>
public enum ServiceProtocol
{
    /// <summary>HTTP, balanced per connection by HAProxy in HTTP mode.</summary>
    Http,
    /// <summary>HTTPS passed through untouched (TLS ends on the members), TCP mode.</summary>
    Https,
    /// <summary>SMTP, TCP mode.</summary>
    Smtp,
    /// <summary>POP3, TCP mode.</summary>
    Pop3,
    /// <summary>IMAP, TCP mode.</summary>
    Imap,
    /// <summary>Any other TCP service.</summary>
    Tcp,
    /// <summary>DNS over UDP and TCP, carried by dnsdist.</summary>
    Dns,
    /// <summary>NTP over UDP, carried by nginx stream.</summary>
    Ntp,
    /// <summary>RADIUS over UDP, carried by nginx stream.</summary>
    Radius,
    /// <summary>Any other UDP service, carried by nginx stream.</summary>
    Udp,
}

/// <summary>How a virtual service chooses a member for a new connection or query.</summary>
public enum BalanceMethod
{
    /// <summary>In turn, in proportion to the weights.</summary>
    RoundRobin,
    /// <summary>The member with the fewest open connections (outstanding queries for DNS), weighted.</summary>
    LeastConn,
    /// <summary>A hash of the client's address, so one client keeps its member.</summary>
    Source,
}

/// <summary>How a member's health is checked.</summary>
public enum CheckKind
{
    /// <summary>An HTTP GET of a path that must answer with a status.</summary>
    Http,
    /// <summary>The SMTP greeting and a HELO.</summary>
    Smtp,
    /// <summary>The POP3 greeting (+OK).</summary>
    Pop3,
    /// <summary>The IMAP greeting (* OK).</summary>
    Imap,
    /// <summary>A TCP connection that opens.</summary>
    Tcp,
    /// <summary>A DNS query that is answered.</summary>
    Dns,
    /// <summary>No active check: failures are seen passively, from the traffic.</summary>
    None,
}

/// <summary>What keeps a client on the same member.</summary>
public enum PersistenceKind
{
    /// <summary>The client's source address, remembered for the timeout.</summary>
    Source,
    /// <summary>An HTTP cookie the balancer inserts (HTTP only).</summary>
    Cookie,
}

/// <summary>The estate's access layer: the balancer pair and the virtual services users reach.</summary>
public sealed record AccessLayer
{
    /// <summary>The two balancer nodes (a VRRP pair), in file order.</summary>
    public required IReadOnlyList<Balancer> Balancers { get; init; }

    /// <summary>The VRRP settings of the pair.</summary>
    public required Vrrp Vrrp { get; init; }

    /// <summary>The virtual services, in file order.</summary>
    public IReadOnlyList<VirtualService> Services { get; init; } = [];
}

/// <summary>One balancer node.</summary>
/// <param name="Id">Its id (<c>[a-z0-9][a-z0-9._-]*</c>, at most 63 characters).</param>
/// <param name="Site">The site it stands at.</param>
/// <param name="Address">Its own IPv4 address (not a virtual one).</param>
/// <param name="Priority">Its VRRP priority, 1–254; the higher one is the master.</param>
public sealed record Balancer(string Id, string Site, string Address, int Priority);

/// <summary>The VRRP settings of the balancer pair.</summary>
/// <param name="RouterId">The virtual router id, 1–255.</param>
/// <param name="Interface">The network interface the virtual addresses live on.</param>
/// <param name="AdvertIntervalMs">The advertisement interval in milliseconds (a multiple of 10).</param>
public sealed record Vrrp(int RouterId, string Interface, int AdvertIntervalMs);

/// <summary>One virtual service: a virtual address and ports users reach, and the members that serve it.</summary>
public sealed record VirtualService
{
    /// <summary>Its id, unique among services.</summary>
    public required string Id { get; init; }

    /// <summary>Its virtual IPv4 address, if it has one.</summary>
    public string? Address { get; init; }

    /// <summary>Its virtual IPv6 address, if it has one.</summary>
    public string? Address6 { get; init; }

    /// <summary>The ports it listens on, in file order (at least one).</summary>
    public required IReadOnlyList<int> Ports { get; init; }

    /// <summary>The protocol it speaks.</summary>
    public required ServiceProtocol Protocol { get; init; }

    /// <summary>How a member is chosen.</summary>
    public BalanceMethod Method { get; init; } = BalanceMethod.RoundRobin;

    /// <summary>What keeps a client on its member, if anything.</summary>
    public Persistence? Persistence { get; init; }

    /// <summary>The members, in file order.</summary>
    public required IReadOnlyList<Member> Members { get; init; }

    /// <summary>How members are checked.</summary>
    public required HealthCheck Check { get; init; }

    /// <summary>The most concurrent connections the service takes, if limited.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>The limits per source address, if any.</summary>
    public AbuseLimits? Abuse { get; init; }

    /// <summary>Whether the service is carried over UDP only (NTP, RADIUS, generic UDP); DNS is both.</summary>
    public bool IsUdp => Protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp;

    /// <summary>Whether HAProxy carries the service (every TCP protocol).</summary>
    public bool IsTcp => !IsUdp && Protocol != ServiceProtocol.Dns;
}

/// <summary>One member of a virtual service.</summary>
public sealed record Member
{
    /// <summary>The workload that serves, if the member is one of the estate's.</summary>
    public string? Workload { get; init; }

    /// <summary>The address it is reached at: written, else the workload's ip, else its server's ip (kept by the move).</summary>
    public required string Address { get; init; }

    /// <summary>The port it is reached at.</summary>
    public required int Port { get; init; }

    /// <summary>Its weight, 1–256.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>Whether it serves only when every other member is down.</summary>
    public bool Backup { get; init; }

    /// <summary>A name for the daemons: the workload's id, else the address with its port.</summary>
    public string Name => Workload ?? $"{Address.Replace(':', '-')}-{Port}";
}

/// <summary>How a service's members are checked; timings in milliseconds.</summary>
public sealed record HealthCheck
{
    /// <summary>What is checked.</summary>
    public required CheckKind Kind { get; init; }

    /// <summary>The HTTP path requested (http checks).</summary>
    public string Path { get; init; } = "/";

    /// <summary>The HTTP status expected (http checks).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The name queried (dns checks).</summary>
    public string Name { get; init; } = ".";

    /// <summary>The record type queried (dns checks).</summary>
    public string Type { get; init; } = "A";

    /// <summary>Time between checks.</summary>
    public int IntervalMs { get; init; } = 2000;

    /// <summary>How long a check may take.</summary>
    public int TimeoutMs { get; init; } = 1000;

    /// <summary>Checks in a row that must pass before a member is up again.</summary>
    public int Rise { get; init; } = 2;

    /// <summary>Checks in a row that must fail before a member is down.</summary>
    public int Fall { get; init; } = 3;
}

/// <summary>What keeps a client on its member, and for how long after its last connection.</summary>
/// <param name="Kind">Source address or cookie.</param>
/// <param name="TimeoutMs">How long it is remembered, in milliseconds.</param>
public sealed record Persistence(PersistenceKind Kind, int TimeoutMs);

/// <summary>A rate: so many events per period.</summary>
/// <param name="Count">The events allowed in one period.</param>
/// <param name="PeriodMs">The period in milliseconds.</param>
public sealed record Rate(int Count, int PeriodMs)
{
    /// <summary>The rate per second.</summary>
    public double PerSecond => Count * 1000.0 / PeriodMs;
}

/// <summary>Limits per source address, and how long an offender is refused.</summary>
public sealed record AbuseLimits
{
    /// <summary>New connections (TCP) or packets and queries (UDP, DNS) per source.</summary>
    public Rate? ConnectionRate { get; init; }

    /// <summary>Concurrent connections per source (TCP only).</summary>
    public int? Concurrent { get; init; }

    /// <summary>HTTP requests or DNS queries per source.</summary>
    public Rate? RequestRate { get; init; }

    /// <summary>How long an offender is refused, in milliseconds.</summary>
    public int BanMs { get; init; } = 600_000;
}
