namespace Shuyaku.Core.Plans;

/// <summary>A consolidation plan as written to plan.json (see docs/plan-format.md).</summary>
public sealed record Plan
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>The estate's name.</summary>
    public string Estate { get; init; } = "";
    /// <summary>What the plan was computed from.</summary>
    public required PlanInputs Inputs { get; init; }
    /// <summary>The catalog id of the host model of the virtualization hosts.</summary>
    public required string HostModel { get; init; }
    /// <summary>Every host of the plan, virtualization hosts first, then dedicated ones.</summary>
    public required IReadOnlyList<PlannedHost> Hosts { get; init; }
    /// <summary>Which host runs each workload.</summary>
    public required IReadOnlyList<Assignment> Assignments { get; init; }
    /// <summary>The lower bound on the number of hosts, with the argument behind each part.</summary>
    public required PlanBound LowerBound { get; init; }
    /// <summary>Hosts needed as demand, headroom, growth, failover and rules are added in turn.</summary>
    public required IReadOnlyList<BreakdownStep> Breakdown { get; init; }
    /// <summary>Shared storage the plan needs.</summary>
    public required PlanStorage Storage { get; init; }
    /// <summary>Counts before and after.</summary>
    public required PlanSummary Summary { get; init; }
    /// <summary>The search that found the placement.</summary>
    public string Method { get; init; } = "";

    /// <summary>For each set of failed hosts, where their workloads restart; empty when too many to list.</summary>
    public IReadOnlyList<PlannedFailover> Failover { get; init; } = [];

    /// <summary>
    /// What ended the search: <c>bound</c> (the plan meets its lower bound), <c>budget</c> (a deterministic budget ran
    /// out) or <c>clock</c> (the wall-time cap stopped some stage first, so another run may differ); absent in older plans.
    /// </summary>
    public string? SearchEnded { get; init; }
}

/// <summary>What the plan was computed from: the estate file's digest and the options that overrode its policy.</summary>
/// <param name="EstateSha256">SHA-256 of the estate file's bytes.</param>
/// <param name="Failures">The k of N+k the plan was made for.</param>
/// <param name="Digest">SHA-256 over the estate digest and the options: equal digests, equal inputs.</param>
/// <param name="HostModelOption">The host model forced on the command line, if any.</param>
/// <param name="Sizing">How demand was sized, when not by the policy's statistic alone.</param>
public sealed record PlanInputs(string EstateSha256, int Failures, string Digest, string? HostModelOption = null, PlanSizing? Sizing = null);

/// <summary>How demand was sized when not by the policy's statistic alone; absent for the default.</summary>
/// <param name="Method">statistic, peak, percentile or timeseries.</param>
/// <param name="Percentile">The percentile, with the percentile method.</param>
/// <param name="ComfortFactor">The factor on the percentile, with the percentile method.</param>
/// <param name="StepShare">Share of a trace step that may exceed capacity, with time-aligned sizing.</param>
/// <param name="Traces">Identifies the utilisation traces the plan was sized from, if any.</param>
/// <param name="CpuScale">How a trace's CPU % became GHz: server (% of the old server) or peak (scaled to the estate's peak).</param>
public sealed record PlanSizing(string Method, double? Percentile = null, double? ComfortFactor = null, double? StepShare = null, string? Traces = null, string? CpuScale = null);

/// <summary>A planned host; dedicated hosts run one workload on bare metal, without a hypervisor.</summary>
/// <param name="Id">The host's name in the plan (host-01, bare-01, ...).</param>
/// <param name="Model">Catalog id of its model.</param>
/// <param name="Group">The host group it belongs to (for fence and ban rules), if any.</param>
/// <param name="Dedicated">True for a bare-metal host of one dedicated workload.</param>
public sealed record PlannedHost(string Id, string Model, string? Group = null, bool Dedicated = false);

/// <summary>A workload on a host.</summary>
/// <param name="Workload">The workload's id.</param>
/// <param name="Host">The host's id.</param>
public sealed record Assignment(string Workload, string Host);

/// <summary>The lower bound on the host count: the largest of its parts.</summary>
/// <param name="Value">Hosts no plan can do with fewer of.</param>
/// <param name="Parts">Each argument with the host count it proves.</param>
public sealed record PlanBound(int Value, IReadOnlyList<PlanBoundPart> Parts);

/// <summary>One lower-bound argument, with what it rests on so that a checker can recompute it (docs/plan-format.md).</summary>
/// <param name="Reason">The argument, in words.</param>
/// <param name="Hosts">The host count it proves.</param>
/// <param name="Kind">Which argument: volume, martello-toth-l2, incompatible-set, largest-spread-group, zones, n+k, dedicated, exact-backend or none; absent in older plans.</param>
/// <param name="Resource">The resource (cpu, memory, network, vcpu) of a volume or Martello–Toth L2 argument.</param>
/// <param name="Failures">The k of an n+k argument.</param>
/// <param name="Workloads">For incompatible-set: one workload of each unit of the set (a unit is workloads joined by gather rules).</param>
/// <param name="Zones">For zones and n+k: the argument deciding each zone's share.</param>
public sealed record PlanBoundPart(
    string Reason, int Hosts, string? Kind = null, string? Resource = null, int? Failures = null, IReadOnlyList<string>? Workloads = null, IReadOnlyList<PlanBoundZone>? Zones = null);

/// <summary>The hosts one zone needs in a zones or n+k argument, and the argument deciding it.</summary>
/// <param name="Zone">The isolation zone ("(none)" for unzoned workloads), or "lonely ID" for a lonely workload's zone of one.</param>
/// <param name="Hosts">Hosts the zone needs on its own.</param>
/// <param name="Kind">one, volume, martello-toth-l2, incompatible-set, largest-spread-group or max-per-host.</param>
/// <param name="Resource">The resource of a volume or Martello–Toth L2 argument.</param>
/// <param name="Workloads">For incompatible-set: one workload of each unit of the set.</param>
public sealed record PlanBoundZone(string Zone, int Hosts, string Kind, string? Resource = null, IReadOnlyList<string>? Workloads = null);

/// <summary>One step of the sizing breakdown.</summary>
/// <param name="Step">What the step adds.</param>
/// <param name="Hosts">Hosts needed up to and including it.</param>
public sealed record BreakdownStep(string Step, int Hosts);

/// <summary>Shared storage the plan needs.</summary>
/// <param name="UsedGiB">Storage in use today.</param>
/// <param name="GrownGiB">Storage after growth over the horizon.</param>
/// <param name="DatastoreGiB">Datastore to provide: grown storage with the free-space target.</param>
/// <param name="Iops">I/O operations per second today.</param>
/// <param name="GrownIops">I/O operations per second after growth.</param>
public sealed record PlanStorage(double UsedGiB, double GrownGiB, double DatastoreGiB, double Iops, double GrownIops);

/// <summary>Counts before and after consolidation.</summary>
/// <param name="Sites">Sites today.</param>
/// <param name="Servers">Servers today.</param>
/// <param name="Workloads">Workloads (one VM each after the move).</param>
/// <param name="Hosts">Hosts of the plan, dedicated ones included.</param>
/// <param name="VirtualizationHosts">Hosts that run a hypervisor.</param>
/// <param name="DedicatedHosts">Bare-metal hosts of dedicated workloads.</param>
/// <param name="ConsolidationRatio">Servers today per host of the plan.</param>
public sealed record PlanSummary(int Sites, int Servers, int Workloads, int Hosts, int VirtualizationHosts, int DedicatedHosts, double ConsolidationRatio);

/// <summary>Where workloads restart when a set of hosts fails.</summary>
/// <param name="Failed">The failed hosts.</param>
/// <param name="Restarts">Each restarted workload with the surviving host it restarts on.</param>
public sealed record PlannedFailover(IReadOnlyList<string> Failed, IReadOnlyList<Assignment> Restarts);
