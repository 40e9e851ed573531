namespace Shuyaku.Core.Model;

/// <summary>What a piece of equipment is.</summary>
public enum EquipmentKind
{
    /// <summary>A server load balancer.</summary>
    LoadBalancer,

    /// <summary>A storage array.</summary>
    Storage,

    /// <summary>A backup unit (tape library, backup appliance).</summary>
    Backup,

    /// <summary>A network switch.</summary>
    Switch,

    /// <summary>A rack.</summary>
    Rack,

    /// <summary>Anything else (UPS, firewall, ...).</summary>
    Other,
}

/// <summary>Equipment at a site other than servers: at a campus what stands there today, at a data centre what the target has.</summary>
public sealed record Equipment
{
    /// <summary>The id reports name it by, unique in the estate.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the site it stands at.</summary>
    public required string Site { get; init; }

    /// <summary>What it is.</summary>
    public required EquipmentKind Kind { get; init; }

    /// <summary>The name reports show (model or purpose).</summary>
    public string Name { get; init; } = "";

    /// <summary>How many units.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Watts one unit draws.</summary>
    public double PowerW { get; init; }

    /// <summary>Rack units one unit takes.</summary>
    public int RackUnits { get; init; }

    /// <summary>Price of one unit.</summary>
    public double Price { get; init; }

    /// <summary>Yearly maintenance of one unit.</summary>
    public double MaintenancePerYear { get; init; }

    /// <summary>Whether the units are a redundant set (a pair) rather than single; backup was kept single in the case study.</summary>
    public bool Redundant { get; init; }
}

/// <summary>Whether a hypervisor licence is counted per CPU socket or per core.</summary>
public enum LicenceUnit
{
    /// <summary>One licence per CPU socket.</summary>
    Socket,

    /// <summary>One licence per core, with at least <see cref="CostSettings.MinCoresPerCpu"/> counted per CPU.</summary>
    Core,
}

/// <summary>What running machines costs over the horizon; every value has a default, and an unset price counts as 0 and is reported as not given.</summary>
public sealed record CostSettings
{
    /// <summary>The currency prices are in, shown in reports.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Energy price per kWh.</summary>
    public double? EnergyPricePerKwh { get; init; }

    /// <summary>Power usage effectiveness: facility watts per IT watt (cooling, UPS losses).</summary>
    public double Pue { get; init; } = 1.5;

    /// <summary>How hypervisor licences are counted.</summary>
    public LicenceUnit LicenceUnit { get; init; } = LicenceUnit.Socket;

    /// <summary>Price of one hypervisor licence (per socket or per core).</summary>
    public double? LicencePrice { get; init; }

    /// <summary>Yearly subscription or support of one licence.</summary>
    public double LicencePerYear { get; init; }

    /// <summary>Cores counted per CPU at least, when licences are counted per core.</summary>
    public int MinCoresPerCpu { get; init; } = 16;

    /// <summary>Administration hours per physical machine (server, host or equipment unit) per year.</summary>
    public double AdminHoursPerMachine { get; init; }

    /// <summary>Administration hours per VM (guest) per year.</summary>
    public double AdminHoursPerVm { get; init; }

    /// <summary>Price of one administration hour.</summary>
    public double? AdminHourPrice { get; init; }

    /// <summary>Years the costs are summed over (the renewal cycle); null for the policy's horizon.</summary>
    public int? HorizonYears { get; init; }

    /// <summary>Watts one of today's servers draws when the server entry does not say.</summary>
    public double? ServerPowerW { get; init; }

    /// <summary>Price of replacing one of today's servers like for like, when the server entry does not say.</summary>
    public double? ServerPrice { get; init; }

    /// <summary>Yearly maintenance of one of today's servers, when the server entry does not say.</summary>
    public double ServerMaintenancePerYear { get; init; }

    /// <summary>Rack units one of today's servers takes, when the server entry does not say.</summary>
    public int ServerRackUnits { get; init; } = 2;
}
