using System.Globalization;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Spectre.Console;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// Renders a plan for a person on a terminal: before and after, hosts with utilisation bars, bound and breakdown.
/// Plain text where the console has no ANSI support.
/// </summary>
public sealed class PlanReport(IAnsiConsole console)
{
    /// <summary>Services named on the "Before:" line; the rest are counted.</summary>
    private const int ServicesNamed = 8;

    private bool Fancy => console.Profile.Capabilities.Ansi;

    /// <summary>Says that no placement exists for the estate, and why.</summary>
    public void Infeasible(Estate estate, string reason)
    {
        console.MarkupLine($"[red bold]{Markup.Escape(T("plan.infeasible"))}[/] {Markup.Escape(F("plan.infeasible.for", Describe(estate)))}");
        console.MarkupLine($"  {Markup.Escape(reason)}");
    }

    /// <summary>Writes the whole plan: summary, host table, lower bound, sizing breakdown and the checker's verdict.</summary>
    public void Render(Estate estate, Plan plan, PlanOutcome outcome, CheckReport report, PlanOptions options)
    {
        var s = plan.Summary;
        var heading = Markup.Escape(T("plan.heading"));
        console.Write(new Spectre.Console.Rule(Fancy ? $"[bold]{heading}[/] — {Markup.Escape(Describe(estate))}" : $"{heading} — {Markup.Escape(Describe(estate))}").LeftJustified());
        var services = estate.Workloads.GroupBy(w => w.Software.Length > 0 ? w.Software : w.Service)
            .OrderBy(g => g.Key.Length == 0).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{(g.Key.Length > 0 ? g.Key : T("plan.no-service"))} {g.Count()}").ToList();
        if (services.Count > ServicesNamed)
        {
            // The line stays one or two lines however many services the estate runs.
            services = [.. services.Take(ServicesNamed - 1), C("plan.more-services", services.Count - ServicesNamed + 1)];
        }

        console.MarkupLine($"[bold]{Markup.Escape(T("plan.before"))}[/] {Markup.Escape(F("plan.before.line", C("count.site", s.Sites), C("count.machine", s.Servers), C("count.workload", s.Workloads), string.Join(", ", services)))}");
        var model = estate.FindModel(plan.HostModel)!;
        var dedicated = s.DedicatedHosts > 0
            ? " + " + string.Join(" + ", plan.Hosts.Where(h => h.Dedicated).GroupBy(h => h.Model, StringComparer.Ordinal)
                .Select(g => Markup.Escape(F("plan.after.dedicated", g.Count(), g.Key))))
            : "";
        console.MarkupLine($"[bold]{Markup.Escape(T("plan.after"))}[/]  {s.VirtualizationHosts} × {Markup.Escape(model.Name)} ({Markup.Escape(model.Id)}){dedicated} = [bold]{Markup.Escape(C("count.host", s.Hosts))}[/]" +
                           (s.Servers > 0 ? Markup.Escape(F("plan.after.ratio", s.ConsolidationRatio.ToString("0.##", CultureInfo.InvariantCulture))) : ""));
        if (outcome.ModelsCompared.Count > 1)
        {
            var bare = s.DedicatedHosts > 0 ? F("plan.compared.bare", s.DedicatedHosts) : "";
            console.MarkupLine("        " + Markup.Escape(F("plan.compared", string.Join("; ", outcome.ModelsCompared.Select(m => F("plan.compared.model", m.Model, C("count.host", m.Hosts), bare) + (m.Price > 0 ? $" ({m.Price.ToString("N0", CultureInfo.InvariantCulture)})" : ""))))));
        }

        if (options.Sizing is { Method: not SizingMethod.Statistic } || options.Traces is not null)
        {
            console.MarkupLine("        " + Markup.Escape(F("plan.sized-by", options.SizingOrDefault.Describe()) + (options.Traces is null ? "" : F("plan.sized-by.traces", options.Traces.Binding.SeriesOf.Count))));
        }

        console.WriteLine();
        console.Write(HostTable(estate, plan, model, options));
        var gap = s.Hosts - plan.LowerBound.Value;
        var deciding = plan.LowerBound.Parts.Where(p => !p.Reason.StartsWith("dedicated", StringComparison.Ordinal)).OrderByDescending(p => p.Hosts).First();
        console.MarkupLine($"[bold]{Markup.Escape(T("plan.bound"))}[/] {Markup.Escape(F("plan.bound.line", C("count.host", plan.LowerBound.Value), BoundTexts.Describe(deciding), s.Hosts))} " +
                           (gap == 0 ? $"[green]{Markup.Escape(T("plan.bound.minimal"))}[/]" : Markup.Escape(F("plan.bound.gap", gap))));
        console.Write(BoundTable(plan.LowerBound, deciding));
        if (plan.SearchEnded == "clock")
        {
            console.MarkupLine($"[yellow]{Markup.Escape(T("plan.warning"))}[/] {Markup.Escape(T("plan.clock"))}");
        }

        console.WriteLine();
        var breakdown = new Table().Border(Fancy ? TableBorder.Rounded : TableBorder.Ascii).AddColumn(Markup.Escape(T("plan.breakdown"))).AddColumn(new TableColumn(Markup.Escape(T("plan.hosts"))).RightAligned());
        foreach (var step in plan.Breakdown)
        {
            breakdown.AddRow(Markup.Escape(BreakdownTexts.Describe(step)), step.Hosts.ToString(CultureInfo.InvariantCulture));
        }

        breakdown.AddRow($"[bold]{Markup.Escape(T("plan.recommended"))}[/]", $"[bold]{s.Hosts}[/]");
        console.Write(breakdown);
        var st = plan.Storage;
        console.MarkupLine($"[bold]{Markup.Escape(T("plan.storage"))}[/] {Markup.Escape(F("plan.storage.line", Gib(st.UsedGiB), Gib(st.GrownGiB), Gib(st.DatastoreGiB), (estate.Policy.StorageFreeSpace * 100).ToString("0", CultureInfo.InvariantCulture), st.GrownIops.ToString("N0", CultureInfo.InvariantCulture)))}");
        var checker = Markup.Escape(T("plan.checker"));
        console.MarkupLine(report.Valid
            ? $"[bold]{checker}[/] [green]{Markup.Escape(T("plan.checker.valid"))}[/] — {Markup.Escape(F("plan.checker.verified", C("count.scenario", report.ScenariosChecked), plan.Inputs.Failures))}"
            : $"[bold]{checker}[/] [red]{Markup.Escape(F("plan.checker.violations", report.Violations.Count))}[/] — {Markup.Escape(report.Violations[0].Describe())}");
    }

    /// <summary>Lists the workloads of every host, in the plan's order; an empty N+k spare is named as such.</summary>
    public void Listing(Plan plan)
    {
        var byHost = plan.Assignments.GroupBy(a => a.Host).ToDictionary(g => g.Key, g => g.Select(a => a.Workload).ToList(), StringComparer.Ordinal);
        var table = new Table().Border(Fancy ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Markup.Escape(T("plan.host"))).AddColumn(Markup.Escape(T("plan.model"))).AddColumn(Markup.Escape(T("plan.workloads")));
        foreach (var host in plan.Hosts)
        {
            var on = byHost.GetValueOrDefault(host.Id) ?? [];
            var role = Role(host, on.Count);
            table.AddRow(
                Markup.Escape(host.Id + role + (host.Group is null ? "" : $" [{host.Group}]")),
                Markup.Escape(host.Model),
                Markup.Escape(on.Count == 0 ? "—" : string.Join(", ", on)));
        }

        console.Write(table);
    }

    /// <summary>Every lower-bound argument with the hosts it proves, largest first, the deciding one marked.</summary>
    private Table BoundTable(PlanBound bound, PlanBoundPart deciding)
    {
        var table = new Table().Border(Fancy ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Markup.Escape(F("plan.why", C("count.host", bound.Value)))).AddColumn(new TableColumn(Markup.Escape(T("plan.hosts"))).RightAligned());
        foreach (var part in bound.Parts.Where(p => p.Hosts > 0 || !p.Reason.StartsWith("dedicated", StringComparison.Ordinal))
                     .OrderByDescending(p => p.Hosts))
        {
            var mark = Markup.Escape(T("plan.deciding"));
            var name = Markup.Escape(BoundTexts.Describe(part)) + (ReferenceEquals(part, deciding) ? (Fancy ? $" [bold]{mark}[/]" : " " + mark) : "");
            table.AddRow(name, part.Hosts.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private Table HostTable(Estate estate, Plan plan, HostModel model, PlanOptions options)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var byHost = plan.Assignments.GroupBy(a => a.Host).ToDictionary(g => g.Key, g => g.Select(a => a.Workload).ToList(), StringComparer.Ordinal);
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var demand = DemandModel.Build(estate, model, policy, options.SizingOrDefault, options.Traces, withGrowth: true);
        var wide = console.Profile.Width >= 110;
        var table = new Table().Border(Fancy ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Markup.Escape(T("plan.host"))).AddColumn(new TableColumn(Markup.Escape(T("plan.vms"))).RightAligned()).AddColumn("cpu")
            .AddColumn(Markup.Escape(T("plan.memory"))).AddColumn(Markup.Escape(T("plan.network"))).AddColumn("vCPU");
        if (wide)
        {
            table.AddColumn(Markup.Escape(T("plan.services")));
        }

        var summarise = plan.Hosts.Count > SummaryAbove;
        var shares = new List<(bool Spare, int Vms, double[] Share)>();
        foreach (var host in plan.Hosts)
        {
            var on = byHost.GetValueOrDefault(host.Id) ?? [];
            var hostModel = estate.FindModel(host.Model)!;
            ResourceVector load;
            ResourceVector capacity;
            if (host.Dedicated)
            {
                load = on.Aggregate(ResourceVector.Zero, (sum, id) => sum + Sizer.BareMetalDemand(estate, workloads[id], policy));
                capacity = Sizer.BareMetalCapacity(hostModel, policy with { Headroom = new ResourceVector(1, 1, 1, 1) });
            }
            else
            {
                load = on.Aggregate(ResourceVector.Zero, (sum, id) => sum + demand.Of(id));
                if (demand.TimeAligned && on.Count > 0)
                {
                    // The CPU bar shows the highest step of the summed series, which is what the placement bounded.
                    load = load with { Cpu = demand.StepSums(on).Max() };
                }

                if (demand.MemoryAligned && on.Count > 0)
                {
                    // Memory placed step by step: the bar shows the highest step of the summed series, not the sum of peaks.
                    load = load with { Memory = demand.MemoryStepSums(on).Max() };
                }

                capacity = Sizer.HostCapacity(hostModel, policy, failover: false, headroom: false);
            }

            if (summarise)
            {
                if (!host.Dedicated)
                {
                    shares.Add((on.Count == 0, on.Count, [Share(load.Cpu, capacity.Cpu), Share(load.Memory, capacity.Memory), Share(load.Network, capacity.Network), Share(load.Vcpu, capacity.Vcpu)]));
                }

                continue;
            }

            var name = host.Id + Role(host, on.Count) + (host.Group is null ? "" : $" [{host.Group}]");
            var services = string.Join(" ", on.GroupBy(id => workloads[id].Software.Length > 0 ? workloads[id].Software : workloads[id].Service)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key}×{g.Count()}"));
            var cells = new List<string>
            {
                Markup.Escape(name),
                on.Count.ToString(CultureInfo.InvariantCulture),
                Bar(load.Cpu, capacity.Cpu, host.Dedicated ? 1 : policy.Headroom.Cpu),
                Bar(load.Memory, capacity.Memory, host.Dedicated ? 1 : policy.Headroom.Memory),
                Bar(load.Network, capacity.Network, host.Dedicated ? 1 : policy.Headroom.Network),
                Bar(load.Vcpu, capacity.Vcpu, 1),
            };
            if (wide)
            {
                cells.Add(Markup.Escape(services));
            }

            table.AddRow(cells.ToArray());
        }

        return summarise ? Summary(plan, shares) : table.Caption(Fancy ? $"[grey]{Markup.Escape(T("plan.bars.fancy"))}[/]" : Markup.Escape(T("plan.bars")));
    }

    /// <summary>Plans of more hosts than this print a summary of the hosts' load instead of one row per host (placement.csv lists them all).</summary>
    public const int SummaryAbove = 200;

    private static double Share(double used, double capacity) => capacity > 0 ? used / capacity : 0;

    /// <summary>The virtualization hosts that run VMs, by load: the least, the mean and the most loaded in each resource.</summary>
    private Table Summary(Plan plan, List<(bool Spare, int Vms, double[] Share)> shares)
    {
        var used = shares.Where(s => !s.Spare).ToList();
        var table = new Table().Border(Fancy ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Markup.Escape(F("plan.summary.running", C("count.host", used.Count)))).AddColumn(new TableColumn(Markup.Escape(T("plan.vms"))).RightAligned())
            .AddColumn(new TableColumn("cpu").RightAligned()).AddColumn(new TableColumn(Markup.Escape(T("plan.memory"))).RightAligned())
            .AddColumn(new TableColumn(Markup.Escape(T("plan.network"))).RightAligned()).AddColumn(new TableColumn("vCPU").RightAligned());
        static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        if (used.Count > 0)
        {
            foreach (var (row, pick) in new (string, Func<IEnumerable<double>, double>)[] { ("plan.summary.least", v => v.Min()), ("plan.summary.mean", v => v.Average()), ("plan.summary.most", v => v.Max()) })
            {
                table.AddRow(
                    Markup.Escape(T(row)),
                    pick(used.Select(s => (double)s.Vms)).ToString(row == "plan.summary.mean" ? "0.0" : "0", CultureInfo.InvariantCulture),
                    Pct(pick(used.Select(s => s.Share[0]))),
                    Pct(pick(used.Select(s => s.Share[1]))),
                    Pct(pick(used.Select(s => s.Share[2]))),
                    Pct(pick(used.Select(s => s.Share[3]))));
            }
        }

        var spares = shares.Count(s => s.Spare);
        var bare = plan.Hosts.Count(h => h.Dedicated);
        var extra = (spares > 0 ? F("plan.summary.spares", C("plan.summary.spare", spares)) : "") + (bare > 0 ? F("plan.summary.bare", bare) : "");
        return table.Caption(Markup.Escape(F("plan.summary.caption", plan.Hosts.Count, SummaryAbove, extra)));
    }

    private string Bar(double used, double capacity, double limit)
    {
        var width = console.Profile.Width >= 100 ? 10 : 6;
        var share = capacity > 0 ? used / capacity : 0;
        var filled = (int)Math.Round(Math.Clamp(share, 0, 1) * width);
        var pct = (share * 100).ToString("0", CultureInfo.InvariantCulture).PadLeft(3) + "%";
        if (!Fancy)
        {
            return $"{new string('#', filled)}{new string('.', width - filled)} {pct}";
        }

        var colour = share > limit + 1e-9 ? "red" : share > limit * 0.9 ? "yellow" : "green";
        return $"[{colour}]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {pct}";
    }

    private static string Gib(double gib) => gib >= 1024
        ? (gib / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " TiB"
        : gib.ToString("0.#", CultureInfo.InvariantCulture) + " GiB";

    private static string Role(PlannedHost host, int workloads) =>
        host.Dedicated ? " " + T("plan.role.bare-metal") : workloads == 0 ? " " + T("plan.role.spare") : "";

    private static string T(string key) => Texts.Get(key);

    private static string F(string key, params object?[] args) => Texts.Format(key, args);

    /// <summary>A count with its noun, the number without thousands separators as the terminal report always wrote it.</summary>
    private static string C(string key, int n) => Texts.Count(key, n, format: "0");

    private static string Describe(Estate estate) => estate.Name.Length > 0 ? estate.Name : T("report.estate");
}
