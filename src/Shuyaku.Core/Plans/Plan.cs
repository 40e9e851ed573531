namespace Shuyaku.Core.Plans;

/// <summary>A consolidation plan as written to plan.json (see docs/plan-format.md).</summary>
public sealed record Plan
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public string Estate { get; init; } = "";
    public required PlanInputs Inputs { get; init; }
    public required string HostModel { get; init; }
    public required IReadOnlyList<PlannedHost> Hosts { get; init; }
    public required IReadOnlyList<Assignment> Assignments { get; init; }
    public required PlanBound LowerBound { get; init; }
    public required IReadOnlyList<BreakdownStep> Breakdown { get; init; }
    public required PlanStorage Storage { get; init; }
    public required PlanSummary Summary { get; init; }
    public string Method { get; init; } = "";

    /// <summary>For each set of failed hosts, where their workloads restart; empty when too many to list.</summary>
    public IReadOnlyList<PlannedFailover> Failover { get; init; } = [];
}

/// <summary>What the plan was computed from: the estate file's digest and the options that overrode its policy.</summary>
public sealed record PlanInputs(string EstateSha256, int Failures, string Digest, string? HostModelOption = null, PlanSizing? Sizing = null);

/// <summary>How demand was sized when not by the policy's statistic alone; absent for the default.</summary>
/// <param name="Method">statistic, peak, percentile or timeseries.</param>
/// <param name="Traces">Identifies the utilisation traces the plan was sized from, if any.</param>
/// <param name="CpuScale">How a trace's CPU % became GHz: server (% of the old server) or peak (scaled to the estate's peak).</param>
public sealed record PlanSizing(string Method, double? Percentile = null, double? ComfortFactor = null, double? StepShare = null, string? Traces = null, string? CpuScale = null);

/// <summary>A planned host; dedicated hosts run one workload on bare metal, without a hypervisor.</summary>
public sealed record PlannedHost(string Id, string Model, string? Group = null, bool Dedicated = false);

public sealed record Assignment(string Workload, string Host);

public sealed record PlanBound(int Value, IReadOnlyList<PlanBoundPart> Parts);

public sealed record PlanBoundPart(string Reason, int Hosts);

public sealed record BreakdownStep(string Step, int Hosts);

public sealed record PlanStorage(double UsedGiB, double GrownGiB, double DatastoreGiB, double Iops, double GrownIops);

public sealed record PlanSummary(int Sites, int Servers, int Workloads, int Hosts, int VirtualizationHosts, int DedicatedHosts, double ConsolidationRatio);

public sealed record PlannedFailover(IReadOnlyList<string> Failed, IReadOnlyList<Assignment> Restarts);
