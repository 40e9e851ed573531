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
        html.Append("<h3>").Append(E(T("report.sizing.breakdown"))).Append("</h3>\n<p>").Append(E(T("report.sizing.intro"))).Append("</p>\n");
        var rows = plan.Breakdown.Select(b => new BarRow(BreakdownTexts.Describe(b), [(0, b.Hosts)], Value: N(b.Hosts))).ToList();
        rows.Add(new BarRow(T("report.sizing.recommended"), [(1, plan.Summary.Hosts)], plan.LowerBound.Value, Value: N(plan.Summary.Hosts)));
        html.Append("<figure>").Append(HtmlSvg.Bars(T("report.sizing.chart"), [new(T("report.sizing.series-step"), HtmlSvg.Palette[0]), new(T("report.sizing.series-plan"), HtmlSvg.Palette[2])],
            rows, T("report.lower-bound"), null, v => N(v, "0.#"))).Append("</figure>\n");
        Table(html, "", [T("report.sizing.step"), T("report.hosts")], plan.Breakdown.Select(b => (IReadOnlyList<string>)[E(BreakdownTexts.Describe(b)), N(b.Hosts)])
            .Append([$"<b>{E(T("report.sizing.recommended"))}</b>", $"<b>{N(plan.Summary.Hosts)}</b>"]), 1);
        var gap = plan.Summary.Hosts - plan.LowerBound.Value;
        var parts = plan.LowerBound.Parts.Where(p => p.Hosts > 0 || !p.Reason.StartsWith("dedicated", StringComparison.Ordinal)).OrderByDescending(p => p.Hosts).ToList();
        var deciding = plan.LowerBound.Parts.Where(p => !p.Reason.StartsWith("dedicated", StringComparison.Ordinal)).OrderByDescending(p => p.Hosts).FirstOrDefault();
        html.Append("<h3>").Append(E(F("report.bound.title", C("count.host", plan.LowerBound.Value)))).Append("</h3>\n<p>")
            .Append(E(gap == 0 ? F("report.bound.minimal", C("count.host", plan.LowerBound.Value), N(plan.Summary.Hosts)) :
                F("report.bound.gap", C("count.host", plan.LowerBound.Value), N(plan.Summary.Hosts), N(gap))))
            .Append(' ').Append(E(T("report.bound.arguments"))).Append("</p>\n");
        Table(html, "", [T("report.bound.argument"), T("report.bound.kind"), T("report.hosts")], parts.Select(p => (IReadOnlyList<string>)
        [
            E(BoundTexts.Describe(p)) + (ReferenceEquals(p, deciding) ? $" <span class=\"tag\">{E(T("report.bound.deciding"))}</span>" : ""),
            E(p.Kind ?? "") + (p.Resource is null ? "" : " (" + E(p.Resource) + ")"),
            N(p.Hosts),
        ]), 2);
        var st = plan.Storage;
        html.Append("<p>").Append(E(F("report.storage", Gib(st.UsedGiB), Gib(st.GrownGiB), Gib(st.DatastoreGiB),
            N(estate.Policy.StorageFreeSpace * 100, "0"), N(st.GrownIops, "N0")))).Append("</p>\n");
        if (plan.SearchEnded == "clock")
        {
            html.Append("<p class=\"notice\">").Append(E(T("report.clock"))).Append("</p>\n");
        }

        Close(html);
    }

    private static void Hosts(StringBuilder html, Estate estate, Plan plan)
    {
        Open(html, "hosts");
        var loads = HostLoads(estate, plan, out var note);
        html.Append("<p>").Append(E(T("report.hosts.intro"))).Append(' ').Append(E(note)).Append("</p>\n");
        Table(html, "", [T("report.host"), T("report.model"), T("report.vms"), "CPU", T("report.memory"), T("report.network"), "vCPU", T("report.services")], loads.Select(l => (IReadOnlyList<string>)
        [
            E(l.Host.Id) + (l.Host.Dedicated ? $" <span class=\"tag\">{E(T("report.bare-metal"))}</span>" : l.Workloads.Count == 0 ? $" <span class=\"tag\">{E(T("report.spare"))}</span>" : "") +
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
            html.Append("<figure>").Append(HtmlSvg.Bars(T("report.hosts.chart"), [new(T("report.hosts.cpu-load"), HtmlSvg.Palette[0])], rows, T("report.headroom-limit"), T("report.capacity"), v => N(v, "0") + "%"))
                .Append("<figcaption>").Append(E(T("report.hosts.chart-caption"))).Append("</figcaption></figure>\n");
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

    /// <summary>A host's workloads, sized load, capacity after the reserve, and headroom limits (shares of the capacity).</summary>
    public sealed record HostLoad(PlannedHost Host, IReadOnlyList<string> Workloads, ResourceVector Load, ResourceVector Capacity, ResourceVector Limit);

    /// <summary>The report's utilisation bar for a table cell (the web console's host page shows the same).</summary>
    public static string UtilBar(double share, double limit) => HtmlSvg.UtilBar(share, limit);

    /// <summary>
    /// Sized load of every host as the plan report computes it: the plan's sizing method when it needs no traces; a plan
    /// sized from traces is shown at the estate's statistic (the report does not read traces), and <paramref name="note"/> says so.
    /// </summary>
    public static IReadOnlyList<HostLoad> HostLoads(Estate estate, Plan plan, out string note)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var sizing = plan.Inputs.Sizing switch
        {
            { Method: "peak" } => new SizingOptions(SizingMethod.Peak),
            { Method: "percentile" } s => new SizingOptions(SizingMethod.Percentile, s.Percentile ?? 95, s.ComfortFactor ?? 1.3),
            _ => SizingOptions.Default,
        };
        note = plan.Inputs.Sizing is { Method: "timeseries" } || plan.Inputs.Sizing?.Traces is not null
            ? T("report.hosts.from-traces")
            : F("report.hosts.sized-by", sizing.Describe());
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
        html.Append("<p>").Append(E(F("report.placement.intro", C("count.workload", plan.Assignments.Count)))).Append("</p>\n");
        Table(html, "", [T("report.workload"), T("report.service"), T("report.host"), T("report.today-on"), T("report.site")], plan.Assignments
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
                ? F("report.failover.input-error", check.InputError)
                : check.Valid
                    ? F("report.failover.valid", C("count.host", k), N(k), C("count.scenario", check.ScenariosChecked))
                    : F("report.failover.invalid", C("count.scenario", check.ScenariosChecked), N(k), C("count.violation", check.Violations.Count))))
            .Append("</p>\n");
        Figures(html,
        [
            ("N+" + N(k), T("report.failover.survived"), check.Valid ? "ok" : "bad"),
            (N(check.ScenariosChecked), T("report.failover.checked"), null),
            (N(plan.Failover.Count), T("report.failover.listed"), null),
        ]);
        if (!check.Valid && check.Violations.Count > 0)
        {
            Table(html, T("report.failover.violations"), [T("report.kind"), T("report.violation"), T("report.failed-hosts"), T("report.hosts"), T("report.workloads")], check.Violations.Select(v => (IReadOnlyList<string>)
                [E(v.Kind), E(v.Describe()), E(Names(v.Failed ?? [])), E(Names(v.Hosts)), E(Names(v.Workloads))]));
        }

        if (plan.Failover.Count > 0)
        {
            html.Append("<h3>").Append(E(T("report.failover.restarts"))).Append("</h3>\n");
            var listed = plan.Failover.Take(ScenariosListed);
            Table(html, plan.Failover.Count > ScenariosListed ? F("report.failover.first", N(ScenariosListed), N(plan.Failover.Count)) : "",
                [T("report.failed-hosts"), T("report.failover.restarted"), T("report.failover.restart-on")], listed.Select(f => (IReadOnlyList<string>)
                [
                    E(string.Join(" + ", f.Failed)),
                    N(f.Restarts.Count),
                    E(string.Join("; ", f.Restarts.GroupBy(r => r.Host, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => $"{g.Key}: {Names(g.Select(r => r.Workload).ToList(), 6)}"))),
                ]), 1);
        }
        else
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.failover.none-listed"))).Append("</p>\n");
        }

        Close(html);
    }
}
