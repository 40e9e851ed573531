using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using static Shuyaku.Core.Reporting.HtmlText;

namespace Shuyaku.Core.Reporting;

/// <summary>The plan's sections: sizing breakdown and lower bound, hosts with utilisation, placement and N+k.</summary>
public static partial class HtmlReport
{
    /// <summary>Failure scenarios listed one by one; the rest are counted.</summary>
    private const int ScenariosListed = 60;

    private static void Sizing(StringBuilder html, Estate estate, Plan plan)
    {
        Open(html, "sizing");
        html.Append("<h3>Sizing breakdown</h3>\n<p>Hosts needed as demand, headroom, growth, failover and rules are added in turn.</p>\n");
        var rows = plan.Breakdown.Select(b => new BarRow(b.Step, [(0, b.Hosts)], Value: N(b.Hosts))).ToList();
        rows.Add(new BarRow("recommended", [(1, plan.Summary.Hosts)], plan.LowerBound.Value, Value: N(plan.Summary.Hosts)));
        html.Append("<figure>").Append(HtmlSvg.Bars("Hosts needed, step by step", [new("hosts up to this step", HtmlSvg.Palette[0]), new("the plan", HtmlSvg.Palette[2])],
            rows, "lower bound", null, v => N(v, "0.#"))).Append("</figure>\n");
        Table(html, "", ["step", "hosts"], plan.Breakdown.Select(b => (IReadOnlyList<string>)[E(b.Step), N(b.Hosts)])
            .Append(["<b>recommended</b>", $"<b>{N(plan.Summary.Hosts)}</b>"]), 1);
        var gap = plan.Summary.Hosts - plan.LowerBound.Value;
        var parts = plan.LowerBound.Parts.Where(p => p.Hosts > 0 || !p.Reason.StartsWith("dedicated", StringComparison.Ordinal)).OrderByDescending(p => p.Hosts).ToList();
        var deciding = plan.LowerBound.Parts.Where(p => !p.Reason.StartsWith("dedicated", StringComparison.Ordinal)).OrderByDescending(p => p.Hosts).FirstOrDefault();
        html.Append("<h3>Lower bound: ").Append(E(Count(plan.LowerBound.Value, "host"))).Append("</h3>\n<p>")
            .Append(E(gap == 0 ? $"No plan can use fewer than {Count(plan.LowerBound.Value, "host")}; this plan uses {N(plan.Summary.Hosts)}: proven minimal." :
                $"No plan can use fewer than {Count(plan.LowerBound.Value, "host")}; this plan uses {N(plan.Summary.Hosts)}, at most {N(gap)} above the minimum."))
            .Append(" Each argument below proves a number of hosts on its own; the largest decides.</p>\n");
        Table(html, "", ["argument", "kind", "hosts"], parts.Select(p => (IReadOnlyList<string>)
        [
            E(p.Reason) + (ReferenceEquals(p, deciding) ? " <span class=\"tag\">deciding</span>" : ""),
            E(p.Kind ?? "") + (p.Resource is null ? "" : " (" + E(p.Resource) + ")"),
            N(p.Hosts),
        ]), 2);
        var st = plan.Storage;
        html.Append("<p>").Append(E($"Storage: {Gib(st.UsedGiB)} used today, {Gib(st.GrownGiB)} after growth; a datastore of {Gib(st.DatastoreGiB)} keeps " +
                                    $"{N(estate.Policy.StorageFreeSpace * 100, "0")}% free; {N(st.GrownIops, "N0")} IOPS at the horizon.")).Append("</p>\n");
        if (plan.SearchEnded == "clock")
        {
            html.Append("<p class=\"notice\">The wall-time cap stopped the search before its budget ran out, so another run may give a different plan.</p>\n");
        }

        Close(html);
    }

    private static void Hosts(StringBuilder html, Estate estate, Plan plan)
    {
        Open(html, "hosts");
        var loads = HostLoads(estate, plan, out var note);
        html.Append("<p>Each host's load per resource as a share of its capacity after the hypervisor's reserve; the black tick is the policy's headroom limit. ")
            .Append(E(note)).Append("</p>\n");
        Table(html, "", ["host", "model", "VMs", "CPU", "memory", "network", "vCPU", "services"], loads.Select(l => (IReadOnlyList<string>)
        [
            E(l.Host.Id) + (l.Host.Dedicated ? " <span class=\"tag\">bare metal</span>" : l.Workloads.Count == 0 ? " <span class=\"tag\">spare</span>" : "") +
            (l.Host.Group is null ? "" : $" <span class=\"tag\">{E(l.Host.Group)}</span>"),
            E(l.Host.Model),
            N(l.Workloads.Count),
            HtmlSvg.UtilBar(Share(l.Load.Cpu, l.Capacity.Cpu), l.Limit.Cpu),
            HtmlSvg.UtilBar(Share(l.Load.Memory, l.Capacity.Memory), l.Limit.Memory),
            HtmlSvg.UtilBar(Share(l.Load.Network, l.Capacity.Network), l.Limit.Network),
            HtmlSvg.UtilBar(Share(l.Load.Vcpu, l.Capacity.Vcpu), l.Limit.Vcpu),
            E(Services(estate, l.Workloads)),
        ]), 2);
        var busy = loads.Where(l => !l.Host.Dedicated && l.Workloads.Count > 0).ToList();
        if (busy.Count > 0)
        {
            var rows = busy.Select(l => new BarRow(l.Host.Id, [(0, Share(l.Load.Cpu, l.Capacity.Cpu) * 100)], l.Limit.Cpu * 100, 100, Pct(Share(l.Load.Cpu, l.Capacity.Cpu)))).ToList();
            html.Append("<figure>").Append(HtmlSvg.Bars("CPU per host (% of capacity)", [new("CPU load", HtmlSvg.Palette[0])], rows, "headroom limit", "capacity", v => N(v, "0") + "%"))
                .Append("<figcaption>The same CPU shares as a chart, for hosts that run VMs.</figcaption></figure>\n");
        }

        Close(html);
    }

    private static double Share(double used, double capacity) => capacity > 0 ? used / capacity : 0;

    private static string Services(Estate estate, IReadOnlyList<string> on)
    {
        var byId = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        return string.Join(" ", on.Where(byId.ContainsKey).GroupBy(id => byId[id].Software.Length > 0 ? byId[id].Software : byId[id].Service)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key}×{g.Count()}"));
    }

    /// <summary>A host's workloads, sized load, capacity after the reserve, and headroom limits.</summary>
    private sealed record HostLoad(PlannedHost Host, IReadOnlyList<string> Workloads, ResourceVector Load, ResourceVector Capacity, ResourceVector Limit);

    /// <summary>
    /// Sized load of every host as the plan report computes it: the plan's sizing method when it needs no traces; a plan
    /// sized from traces is shown at the estate's statistic (the report does not read traces), and <paramref name="note"/> says so.
    /// </summary>
    private static List<HostLoad> HostLoads(Estate estate, Plan plan, out string note)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var sizing = plan.Inputs.Sizing switch
        {
            { Method: "peak" } => new SizingOptions(SizingMethod.Peak),
            { Method: "percentile" } s => new SizingOptions(SizingMethod.Percentile, s.Percentile ?? 95, s.ComfortFactor ?? 1.3),
            _ => SizingOptions.Default,
        };
        note = plan.Inputs.Sizing is { Method: "timeseries" } || plan.Inputs.Sizing?.Traces is not null
            ? "The plan was sized from utilisation traces; these bars show the estate's own figures, which may differ."
            : $"Demand sized by {sizing.Describe()}, growth over the horizon included.";
        var byHost = plan.Assignments.GroupBy(a => a.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.Workload).ToList(), StringComparer.Ordinal);
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var demands = new Dictionary<string, DemandModel>(StringComparer.Ordinal);
        var result = new List<HostLoad>();
        foreach (var host in plan.Hosts)
        {
            var on = (byHost.GetValueOrDefault(host.Id) ?? []).Where(workloads.ContainsKey).ToList();
            if (estate.FindModel(host.Model) is not { } model)
            {
                result.Add(new HostLoad(host, on, ResourceVector.Zero, ResourceVector.Zero, new ResourceVector(1, 1, 1, 1)));
                continue;
            }

            if (host.Dedicated)
            {
                var load = on.Aggregate(ResourceVector.Zero, (sum, id) => sum + Sizer.BareMetalDemand(estate, workloads[id], policy));
                result.Add(new HostLoad(host, on, load, Sizer.BareMetalCapacity(model, policy with { Headroom = new ResourceVector(1, 1, 1, 1) }), new ResourceVector(1, 1, 1, 1)));
                continue;
            }

            if (!demands.TryGetValue(model.Id, out var demand))
            {
                demands[model.Id] = demand = DemandModel.Build(estate, model, policy, sizing, null, withGrowth: true);
            }

            var sum = on.Aggregate(ResourceVector.Zero, (acc, id) => acc + demand.Of(id));
            result.Add(new HostLoad(host, on, sum, Sizer.HostCapacity(model, policy, failover: false, headroom: false), policy.Headroom with { Vcpu = 1 }));
        }

        return result;
    }

    private static void Placement(StringBuilder html, Estate estate, Plan plan)
    {
        Open(html, "placement");
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var hosts = plan.Hosts.Select((h, i) => (h.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        html.Append("<p>").Append(E($"Every workload becomes one VM (or a bare-metal host when dedicated): {Count(plan.Assignments.Count, "workload")}, by host.")).Append("</p>\n");
        Table(html, "", ["workload", "service", "host", "today on", "site"], plan.Assignments
            .OrderBy(a => hosts.GetValueOrDefault(a.Host, int.MaxValue)).ThenBy(a => a.Workload, StringComparer.Ordinal)
            .Select(a =>
            {
                var w = workloads.GetValueOrDefault(a.Workload);
                var site = w is null ? "" : w.Server.Length > 0 ? estate.FindServer(w.Server)?.Site ?? w.Site : w.Site;
                return (IReadOnlyList<string>)[E(a.Workload), E(w is null ? "" : w.Service.Length > 0 ? w.Service : w.Software), E(a.Host), E(w?.Server ?? ""), E(site)];
            }));
        Close(html);
    }

    private static void Failover(StringBuilder html, Plan plan, CheckReport check)
    {
        Open(html, "failover");
        var k = check.Failures;
        html.Append("<p>").Append(E(check.InputError is not null
                ? $"The plan could not be checked against this estate: {check.InputError}"
                : check.Valid
                    ? $"The plan survives any {Count(k, "host")} failing at once (N+{k}): the independent checker walked {Count(check.ScenariosChecked, "failure scenario")} and found room for every displaced VM on the surviving hosts, within the failover utilisation, with every rule kept."
                    : $"The independent checker walked {Count(check.ScenariosChecked, "failure scenario")} (N+{k}) and found {Count(check.Violations.Count, "violation")}."))
            .Append("</p>\n");
        Figures(html,
        [
            ("N+" + N(k), "failures survived", check.Valid ? "ok" : "bad"),
            (N(check.ScenariosChecked), "failure scenarios checked", null),
            (N(plan.Failover.Count), "scenarios with their restarts in the plan", null),
        ]);
        if (!check.Valid && check.Violations.Count > 0)
        {
            Table(html, "Violations found by the checker", ["kind", "violation", "failed hosts", "hosts", "workloads"], check.Violations.Select(v => (IReadOnlyList<string>)
                [E(v.Kind), E(v.Message), E(Names(v.Failed ?? [])), E(Names(v.Hosts)), E(Names(v.Workloads))]));
        }

        if (plan.Failover.Count > 0)
        {
            html.Append("<h3>Where VMs restart</h3>\n");
            var listed = plan.Failover.Take(ScenariosListed);
            Table(html, plan.Failover.Count > ScenariosListed ? $"The first {ScenariosListed} of {N(plan.Failover.Count)} scenarios; plan.json lists them all." : "",
                ["failed hosts", "VMs restarted", "restart on"], listed.Select(f => (IReadOnlyList<string>)
                [
                    E(string.Join(" + ", f.Failed)),
                    N(f.Restarts.Count),
                    E(string.Join("; ", f.Restarts.GroupBy(r => r.Host, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => $"{g.Key}: {Names(g.Select(r => r.Workload).ToList(), 6)}"))),
                ]), 1);
        }
        else
        {
            html.Append("<p class=\"muted\">The plan lists no restart places (none are needed, or there are too many scenarios to list); the checker verified them all the same.</p>\n");
        }

        Close(html);
    }
}
