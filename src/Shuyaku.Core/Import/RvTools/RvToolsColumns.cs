namespace Shuyaku.Core.Import.RvTools;

/// <summary>
/// The header names the importer looks for, each with the names other RVTools versions use: 4.1.2 renamed the size
/// columns from MB to MiB ("Provisioned MB" → "Provisioned MiB"), the values being MiB in both.
/// </summary>
internal static class RvToolsColumns
{
    public static readonly string[] Vm = ["VM", "VM Name", "Name"];
    public static readonly string[] PowerState = ["Powerstate", "Power State", "Power state"];
    public static readonly string[] Template = ["Template"];
    public static readonly string[] SrmPlaceholder = ["SRM Placeholder"];
    public static readonly string[] Cpus = ["CPUs", "Num CPU", "vCPUs"];
    public static readonly string[] Memory = ["Memory", "Memory MiB", "Memory MB"];
    public static readonly string[] Provisioned = ["Provisioned MiB", "Provisioned MB"];
    public static readonly string[] InUse = ["In Use MiB", "In Use MB"];
    public static readonly string[] TotalDisk = ["Total disk capacity MiB", "Total disk capacity MB"];
    public static readonly string[] OverallCpuUsage = ["Overall Cpu Usage", "Overall CPU Usage MHz", "CPU Usage MHz"];
    public static readonly string[] Datacenter = ["Datacenter", "Data center"];
    public static readonly string[] Cluster = ["Cluster"];
    public static readonly string[] Host = ["Host"];
    public static readonly string[] Folder = ["Folder"];
    public static readonly string[] Annotation = ["Annotation"];
    public static readonly string[] OsTools = ["OS according to the VMware Tools", "OS according to the VMware tools"];
    public static readonly string[] OsConfig = ["OS according to the configuration file", "OS"];
    public static readonly string[] PrimaryIp = ["Primary IP Address", "Primary IP"];
    public static readonly string[] Created = ["Creation date", "Creation Date"];
    public static readonly string[] PowerOn = ["PowerOn", "Power On"];
    public static readonly string[] VmId = ["VM ID", "VM UUID"];

    // vCPU and vMemory
    public static readonly string[] CpuOverall = ["Overall"];
    public static readonly string[] MemorySize = ["Size MiB", "Size MB"];
    public static readonly string[] MemoryConsumed = ["Consumed", "Consumed MiB", "Consumed MB"];
    public static readonly string[] MemoryActive = ["Active", "Active MiB", "Active MB"];

    // vDisk, vPartition, vNetwork
    public static readonly string[] DiskCapacity = ["Capacity MiB", "Capacity MB"];
    public static readonly string[] PartitionConsumed = ["Consumed MiB", "Consumed MB"];
    public static readonly string[] NicIp = ["IPv4 Address", "IP Address", "IPv6 Address"];

    // vHost
    public static readonly string[] CpuModel = ["CPU Model"];
    public static readonly string[] Speed = ["Speed", "Speed MHz"];
    public static readonly string[] Sockets = ["# CPU", "CPU Sockets"];
    public static readonly string[] CoresPerCpu = ["Cores per CPU"];
    public static readonly string[] TotalCores = ["# Cores"];
    public static readonly string[] HostMemory = ["# Memory", "Memory MiB", "Memory MB", "Memory"];
    public static readonly string[] CpuUsagePercent = ["CPU usage %"];
    public static readonly string[] MemoryUsagePercent = ["Memory usage %"];
    public static readonly string[] Vendor = ["Vendor"];
    public static readonly string[] Model = ["Model"];
    public static readonly string[] EsxVersion = ["ESX Version"];
    public static readonly string[] BootTime = ["Boot time"];

    // vDatastore, vCluster
    public static readonly string[] DatastoreName = ["Name", "Datastore"];
    public static readonly string[] DatastoreInUse = ["In Use MiB", "In Use MB"];
}
