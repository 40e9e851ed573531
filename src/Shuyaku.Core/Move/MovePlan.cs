namespace Shuyaku.Core.Move;

/// <summary>How a plan's estate moves into the data centre: network, WAN, waves and cost, with what the verification found.</summary>
public sealed record MovePlan
{
    /// <summary>The move.json format version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The format version of move.json.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The estate's name.</summary>
    public required string Estate { get; init; }

    /// <summary>SHA-256 of the estate file.</summary>
    public required string EstateDigest { get; init; }

    /// <summary>SHA-256 of the plan the move is for, as plan.json writes it.</summary>
    public string PlanDigest { get; init; } = "";

    /// <summary>The host model of the plan the move is for.</summary>
    public string HostModel { get; init; } = "";

    /// <summary>The site everything moves to.</summary>
    public required string DataCenter { get; init; }

    /// <summary>Subnets, routes and addresses.</summary>
    public required NetworkPlan Network { get; init; }

    /// <summary>Peak load of each link before and after the move.</summary>
    public required IReadOnlyList<LinkLoad> Wan { get; init; }

    /// <summary>The migration waves, in order.</summary>
    public required IReadOnlyList<Wave> Waves { get; init; }

    /// <summary>Equipment, power and cost before and after.</summary>
    public required CostComparison Cost { get; init; }

    /// <summary>What the move breaks (an overloaded link, a wave that breaks redundancy); empty when it is sound.</summary>
    public IReadOnlyList<MoveViolation> Violations { get; init; } = [];

    /// <summary>Server addresses that change.</summary>
    public int AddressChanges => Network.AddressChanges;
}

/// <summary>Subnets, route changes and the addresses clients rely on.</summary>
/// <param name="Subnets">Every server subnet and what happens to it.</param>
/// <param name="Routes">The route changes, in wave order.</param>
/// <param name="AddressSensitive">Every address-sensitive workload, with its address kept or why not.</param>
/// <param name="AddressChanges">Server addresses that change under the chosen options.</param>
public sealed record NetworkPlan(
    IReadOnlyList<SubnetMove> Subnets,
    IReadOnlyList<RouteChange> Routes,
    IReadOnlyList<AddressKeep> AddressSensitive,
    int AddressChanges);

/// <summary>What happens to a subnet: moved whole, left where it is, or split between moving and staying servers.</summary>
public enum SubnetFate
{
    /// <summary>All its servers move: the prefix is routed to the data centre, no address changes.</summary>
    Moved,

    /// <summary>None of its servers move.</summary>
    Stays,

    /// <summary>Some servers move and some stay: one of the options must be taken.</summary>
    Split,
}

/// <summary>One server subnet's fate.</summary>
/// <param name="Prefix">The IPv4 prefix.</param>
/// <param name="Site">The site it is routed to today.</param>
/// <param name="Fate">Moved, stays or split.</param>
/// <param name="MovingServers">Ids of its servers that move.</param>
/// <param name="StayingServers">Ids of its servers that stay.</param>
/// <param name="Options">For a split subnet, the options with the addresses each changes; empty otherwise.</param>
/// <param name="Chosen">The option taken (the one changing fewest addresses), or null.</param>
public sealed record SubnetMove(
    string Prefix,
    string Site,
    SubnetFate Fate,
    IReadOnlyList<string> MovingServers,
    IReadOnlyList<string> StayingServers,
    IReadOnlyList<SplitOption> Options,
    string? Chosen);

/// <summary>One way to resolve a split subnet.</summary>
/// <param name="Kind">"move-rest", "split-prefix" or "renumber".</param>
/// <param name="AddressChanges">Server addresses it changes.</param>
/// <param name="ChangedServers">The servers whose address changes.</param>
/// <param name="Prefixes">The prefixes routed to the data centre under it.</param>
/// <param name="Note">One sentence on what it means for the user.</param>
public sealed record SplitOption(string Kind, int AddressChanges, IReadOnlyList<string> ChangedServers, IReadOnlyList<string> Prefixes, string Note);

/// <summary>A prefix re-routed from a campus to the data centre.</summary>
/// <param name="Prefix">The prefix.</param>
/// <param name="FromSite">The site it was routed to.</param>
/// <param name="ToSite">The site it is routed to after.</param>
/// <param name="NextHop">The next hop towards it after the move: the data centre's router address, or its site id when no address is given.</param>
/// <param name="Wave">The wave after which it is cut over (the wave that moves its last server); 0 when no wave moves it.</param>
public sealed record RouteChange(string Prefix, string FromSite, string ToSite, string NextHop, int Wave);

/// <summary>An address-sensitive workload and whether clients keep reaching it at the same address.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Address">The address clients use today.</param>
/// <param name="Kept">Whether it stays the same.</param>
/// <param name="Reason">Why it is kept or not.</param>
public sealed record AddressKeep(string Workload, string Address, bool Kept, string Reason);

/// <summary>A link's peak load before and after the move.</summary>
/// <param name="Link">The link's id.</param>
/// <param name="From">One end's site.</param>
/// <param name="To">The other end's site.</param>
/// <param name="BandwidthMbps">Its bandwidth.</param>
/// <param name="TargetUtilisation">The share user traffic may fill at peak.</param>
/// <param name="BeforeMbps">Peak load before the move (sum of peaks routed over it).</param>
/// <param name="AfterMbps">Peak load after the move.</param>
public sealed record LinkLoad(string Link, string From, string To, double BandwidthMbps, double TargetUtilisation, double BeforeMbps, double AfterMbps)
{
    /// <summary>The load the link may carry: bandwidth × target utilisation.</summary>
    public double LimitMbps => BandwidthMbps * TargetUtilisation;

    /// <summary>Whether the load after the move exceeds the limit.</summary>
    public bool Overloaded => AfterMbps > LimitMbps * (1 + 1e-9);
}

/// <summary>One migration wave.</summary>
/// <param name="Number">Its number, from 1.</param>
/// <param name="Servers">Today's servers it moves (with all their workloads).</param>
/// <param name="Workloads">The workloads it moves, dependencies first.</param>
/// <param name="DataMib">Data it copies, in MiB.</param>
/// <param name="Hours">Estimated duration: the slowest link's copy time plus the switchovers.</param>
/// <param name="Routes">Prefixes cut over to the data centre at its end.</param>
public sealed record Wave(int Number, IReadOnlyList<string> Servers, IReadOnlyList<string> Workloads, double DataMib, double Hours, IReadOnlyList<string> Routes);

/// <summary>Something a move breaks.</summary>
/// <param name="Kind">"link-overload", "wave-servers", "wave-data", "wave-window", "wave-spread", "wave-dependency", "wave-coverage", "route".</param>
/// <param name="Message">One sentence naming what and by how much.</param>
public sealed record MoveViolation(string Kind, string Message);

/// <summary>Money over the horizon, split by what it pays for.</summary>
/// <param name="Purchase">Buying machines and equipment.</param>
/// <param name="Maintenance">Yearly maintenance over the horizon.</param>
/// <param name="Energy">Electricity, PUE included, over the horizon.</param>
/// <param name="Licences">Hypervisor licences and their yearly support.</param>
/// <param name="Admin">Administration time.</param>
public sealed record CostBreakdown(double Purchase, double Maintenance, double Energy, double Licences, double Admin)
{
    /// <summary>The sum.</summary>
    public double Total => Purchase + Maintenance + Energy + Licences + Admin;
}

/// <summary>Count of one kind of equipment on one side of the move.</summary>
/// <param name="Kind">The kind (servers and hosts are "server" and "host"; equipment by its kind in the estate format).</param>
/// <param name="Count">Units.</param>
public sealed record EquipmentCount(string Kind, int Count);

/// <summary>One side of the move: what stands, what it draws and what it costs over the horizon.</summary>
/// <param name="Equipment">Units per kind, machines included.</param>
/// <param name="PowerKw">Power drawn at the IT load, in kW (PUE not included).</param>
/// <param name="EnergyKwhPerYear">Energy per year, PUE included.</param>
/// <param name="RackUnits">Rack units taken.</param>
/// <param name="Cost">Cost over the horizon.</param>
public sealed record CostSide(IReadOnlyList<EquipmentCount> Equipment, double PowerKw, double EnergyKwhPerYear, int RackUnits, CostBreakdown Cost);

/// <summary>What a plan with one host model would cost over the horizon.</summary>
/// <param name="Model">The host model.</param>
/// <param name="Hosts">Hosts a plan with it needs.</param>
/// <param name="Cost">Cost of those hosts (with the data centre's equipment) over the horizon.</param>
/// <param name="InPlan">Whether the plan uses it.</param>
public sealed record ModelCost(string Model, int Hosts, CostBreakdown Cost, bool InPlan);

/// <summary>Before and after, and the host model with the lowest cost over the horizon.</summary>
/// <param name="Years">The horizon.</param>
/// <param name="Currency">The currency.</param>
/// <param name="Before">Today's estate renewed as it is.</param>
/// <param name="After">The plan's hosts and the data centre's equipment.</param>
/// <param name="Models">Every catalog model, cheapest over the horizon first.</param>
/// <param name="NotGiven">Prices or figures the estate does not give, each counted as 0.</param>
public sealed record CostComparison(int Years, string Currency, CostSide Before, CostSide After, IReadOnlyList<ModelCost> Models, IReadOnlyList<string> NotGiven);
