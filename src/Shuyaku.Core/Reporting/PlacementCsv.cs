using System.Globalization;
using System.Text;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// placement.csv: one row per workload on its host, and one row for each host that runs nothing (an N+k spare), for
/// opening in a spreadsheet. Numbers are invariant (a dot for decimals) whatever the machine's culture.
/// </summary>
public static class PlacementCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "host,model,group,role,workload,service,site,cpu_ghz,memory_mib,network_mbps,vcpus";

    /// <summary>
    /// The CSV text of <paramref name="plan"/>: demand is each workload's sized demand on its host's model (the policy's
    /// statistic or <paramref name="sizing"/>, growth and VM overhead included; bare-metal demand on dedicated hosts).
    /// </summary>
    public static string Write(Estate estate, Plan plan, SizingOptions sizing, TraceSizing? traces = null)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var onHost = plan.Assignments.GroupBy(a => a.Host, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Workload).ToList(), StringComparer.Ordinal);
        var demands = new Dictionary<string, DemandModel>(StringComparer.Ordinal);
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var host in plan.Hosts)
        {
            var model = estate.FindModel(host.Model);
            var on = onHost.GetValueOrDefault(host.Id) ?? [];
            var role = host.Dedicated ? "dedicated" : on.Count == 0 ? "spare" : "virtualization";
            if (on.Count == 0)
            {
                Row(text, host.Id, host.Model, host.Group, role, "", "", "", null);
                continue;
            }

            foreach (var id in on)
            {
                if (!workloads.TryGetValue(id, out var w))
                {
                    continue;
                }

                ResourceVector? demand = model is null ? null
                    : host.Dedicated ? Sizer.BareMetalDemand(estate, w, policy)
                    : DemandOn(demands, estate, model, policy, sizing, traces).Of(id);
                Row(text, host.Id, host.Model, host.Group, role, w.Id, w.Service, w.Site, demand);
            }
        }

        return text.ToString();
    }

    private static DemandModel DemandOn(
        Dictionary<string, DemandModel> cache, Estate estate, HostModel model, Policy policy, SizingOptions sizing, TraceSizing? traces)
    {
        if (!cache.TryGetValue(model.Id, out var demand))
        {
            cache[model.Id] = demand = DemandModel.Build(estate, model, policy, sizing, traces, withGrowth: true);
        }

        return demand;
    }

    private static void Row(StringBuilder text, string host, string model, string? group, string role, string workload, string service, string site, ResourceVector? demand)
    {
        string[] fields =
        [
            host, model, group ?? "", role, workload, service, site,
            Number(demand?.Cpu), Number(demand?.Memory), Number(demand?.Network), Number(demand?.Vcpu),
        ];
        text.AppendJoin(',', fields.Select(Field)).Append('\n');
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
