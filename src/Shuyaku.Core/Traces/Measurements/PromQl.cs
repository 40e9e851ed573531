namespace Shuyaku.Core.Traces.Measurements;

/// <summary>
/// The PromQL that <see cref="PrometheusImporter"/> sends to a Prometheus server: queries in Prometheus's language, the
/// same in every language of Shuyaku, kept apart from the importer's messages for people (docs/import.md lists them).
/// </summary>
internal static class PromQl
{
    private const string Disks = "device!~\"dm-.*|md.*|loop.*|ram.*|zram.*|sr.*|fd.*\"";
    private const string Interfaces = "device!~\"lo|veth.*|docker.*|br-.*|virbr.*|cni.*|flannel.*|ifb.*|tun.*|tap.*\"";

    /// <summary>The PromQL query for each metric, with <c>$w</c> for the rate window.</summary>
    public static IReadOnlyList<(Metric Metric, string Query)> Queries { get; } =
    [
        (Metric.Cpu, "100 * (1 - sum by (instance) (rate(node_cpu_seconds_total{mode=~\"idle|iowait|steal\"}[$w])) / count by (instance) (node_cpu_seconds_total{mode=\"idle\"}))"),
        (Metric.Memory, "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / 1048576"),
        (Metric.Disk, $"sum by (instance) (rate(node_disk_read_bytes_total{{{Disks}}}[$w]) + rate(node_disk_written_bytes_total{{{Disks}}}[$w])) / 1e6"),
        (Metric.Network, $"sum by (instance) (rate(node_network_receive_bytes_total{{{Interfaces}}}[$w]) + rate(node_network_transmit_bytes_total{{{Interfaces}}}[$w])) * 8 / 1e6"),
    ];
}
