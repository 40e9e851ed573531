namespace Shuyaku.Core.Import.Inventory;

/// <summary>What an inventory export (RVTools, Azure Migrate) holds, mapped to the estate's terms but not yet written.</summary>
/// <param name="Name">The estate's name (the export's file name).</param>
/// <param name="Sites">Sites, from the export's data centres.</param>
/// <param name="Servers">Today's servers, from the export's hosts.</param>
/// <param name="Workloads">Workloads, from the export's VMs or servers.</param>
/// <param name="Report">What was read, written and skipped.</param>
public sealed record ImportedEstate(string Name, IReadOnlyList<InventorySite> Sites, IReadOnlyList<InventoryServer> Servers, IReadOnlyList<InventoryWorkload> Workloads, InventoryReport Report);

/// <summary>A site: an id in the estate's alphabet and the name the export gives it.</summary>
public sealed record InventorySite(string Id, string Name);

/// <summary>A server of today, from a host of the export.</summary>
public sealed record InventoryServer
{
    /// <summary>The estate id, made from the host's name.</summary>
    public required string Id { get; init; }
    /// <summary>The host's name in the export.</summary>
    public required string Name { get; init; }
    /// <summary>The site id it stands at.</summary>
    public required string Site { get; init; }
    /// <summary>CPU sockets.</summary>
    public required int Sockets { get; init; }
    /// <summary>Cores per socket.</summary>
    public required int CoresPerSocket { get; init; }
    /// <summary>Clock in MHz, a whole number.</summary>
    public required int ClockMhz { get; init; }
    /// <summary>Memory in MiB.</summary>
    public required double MemoryMib { get; init; }
    /// <summary>Facts kept as comments (CPU model, usage, vendor, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The unit a workload's CPU demand is written in.</summary>
public enum InventoryCpuUnit
{
    /// <summary>GHz of its server (or normalised GHz without one).</summary>
    Ghz,
    /// <summary>Cores of its server.</summary>
    Cores,
}

/// <summary>A workload, from a VM or server of the export.</summary>
public sealed record InventoryWorkload
{
    /// <summary>The estate id, made from the VM's name.</summary>
    public required string Id { get; init; }
    /// <summary>The VM's name in the export.</summary>
    public required string Name { get; init; }
    /// <summary>The site id, or null.</summary>
    public string? Site { get; init; }
    /// <summary>The server id it runs on today, or null when its host is not among the servers.</summary>
    public string? Server { get; init; }
    /// <summary>Virtual CPUs, or null when unknown.</summary>
    public int? Vcpus { get; init; }
    /// <summary>CPU demand in <see cref="CpuUnit"/>.</summary>
    public required double Cpu { get; init; }
    /// <summary>The unit of <see cref="Cpu"/>.</summary>
    public InventoryCpuUnit CpuUnit { get; init; }
    /// <summary>Where the CPU demand comes from: "usage" or "provisioned".</summary>
    public required string CpuSource { get; init; }
    /// <summary>Memory demand in MiB.</summary>
    public required double MemoryMib { get; init; }
    /// <summary>Where the memory demand comes from: "usage" or "provisioned".</summary>
    public required string MemorySource { get; init; }
    /// <summary>Disk capacity on the shared datastore in MiB.</summary>
    public double DiskMib { get; init; }
    /// <summary>I/O operations per second.</summary>
    public double Iops { get; init; }
    /// <summary>Network demand in Mbps.</summary>
    public double NetworkMbps { get; init; }
    /// <summary>The operating system, written as the workload's software.</summary>
    public string? Software { get; init; }
    /// <summary>Facts kept as comments (power state, cluster, folder, annotation, custom attributes, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A row that did not become part of the estate, and why.</summary>
/// <param name="Kind">"VM", "host" or "row".</param>
/// <param name="Name">The VM's or host's name, or the row's number.</param>
/// <param name="Reason">Why it was skipped: one of a few fixed phrases, so that they can be counted.</param>
/// <param name="Where">Sheet and row (or file and line).</param>
public sealed record SkippedRow(string Kind, string Name, string Reason, string Where);

/// <summary>What an import read, wrote and skipped.</summary>
public sealed class InventoryReport
{
    /// <summary>The export read (file or folder).</summary>
    public required string Source { get; init; }
    /// <summary>Sheets read, each with its data rows.</summary>
    public List<(string Sheet, int Rows)> SheetsRead { get; } = [];
    /// <summary>Optional sheets the export lacks.</summary>
    public List<string> SheetsMissing { get; } = [];
    /// <summary>Sheets present but not used.</summary>
    public List<string> SheetsIgnored { get; } = [];
    /// <summary>VMs (or servers) read.</summary>
    public int MachinesRead { get; set; }
    /// <summary>Hosts read.</summary>
    public int HostsRead { get; set; }
    /// <summary>Rows skipped, each with its reason.</summary>
    public List<SkippedRow> Skipped { get; } = [];
    /// <summary>Workloads by the source of their CPU demand.</summary>
    public SortedDictionary<string, int> CpuSources { get; } = new(StringComparer.Ordinal);
    /// <summary>Workloads by the source of their memory demand.</summary>
    public SortedDictionary<string, int> MemorySources { get; } = new(StringComparer.Ordinal);
    /// <summary>Facts worth a line in the report (values clamped, columns absent, …).</summary>
    public List<string> Notes { get; } = [];
}
