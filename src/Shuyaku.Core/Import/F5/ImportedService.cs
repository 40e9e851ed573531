namespace Shuyaku.Core.Import.F5;

/// <summary>A virtual service as the access section writes it, translated from one F5 virtual server.</summary>
internal sealed record ImportedService
{
    /// <summary>Unique id in the access section's alphabet.</summary>
    public required string Id { get; init; }

    /// <summary>The F5 object it came from (<c>ltm virtual /Common/vs_web</c>) and its line, for the YAML comment.</summary>
    public required string Source { get; init; }

    /// <summary>Line of the F5 object.</summary>
    public int Line { get; init; }

    /// <summary>The virtual IPv4 address, if IPv4.</summary>
    public string? Address { get; init; }

    /// <summary>The virtual IPv6 address, if IPv6.</summary>
    public string? Address6 { get; init; }

    /// <summary>The listening port.</summary>
    public int Port { get; init; }

    /// <summary>http, https, smtp, pop3, imap, tcp, dns, ntp, radius or udp.</summary>
    public required string Protocol { get; init; }

    /// <summary>roundrobin, leastconn or source.</summary>
    public required string Method { get; init; }

    /// <summary>source or cookie, or null for none.</summary>
    public string? PersistenceKind { get; init; }

    /// <summary>Persistence timeout in seconds, or null for the reader's default.</summary>
    public int? PersistenceSeconds { get; init; }

    /// <summary>The members, primaries first as in the pool.</summary>
    public required IReadOnlyList<ImportedMember> Members { get; init; }

    /// <summary>The health check, or null for the protocol's default.</summary>
    public ImportedCheck? Check { get; init; }

    /// <summary>Maximum concurrent connections, or null for no limit.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>The pool the members came from (to merge DNS over UDP and TCP into one service).</summary>
    public string Pool { get; init; } = "";
}

/// <summary>A pool member: a workload of the estate or an explicit address.</summary>
internal sealed record ImportedMember(string? Workload, string? Address, int Port, int Weight, bool Backup);

/// <summary>A health check; timing in seconds.</summary>
internal sealed record ImportedCheck(string Kind)
{
    /// <summary>HTTP path.</summary>
    public string? Path { get; init; }

    /// <summary>Expected HTTP status.</summary>
    public int? Status { get; init; }

    /// <summary>DNS query name.</summary>
    public string? Name { get; init; }

    /// <summary>DNS query type (A or AAAA).</summary>
    public string? Type { get; init; }

    /// <summary>Seconds between probes; 0 when the kind has no timing (none).</summary>
    public int Interval { get; init; }

    /// <summary>Seconds a probe may take.</summary>
    public int Timeout { get; init; }

    /// <summary>Successes that mark a member up.</summary>
    public int Rise { get; init; }

    /// <summary>Failures that mark a member down.</summary>
    public int Fall { get; init; }
}
