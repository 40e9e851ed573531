using System.Globalization;
using Shuyaku.Core.Move;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>Prints a move plan: network, WAN, waves, cost and violations.</summary>
internal static class MovePrinter
{
    public static void Render(IAnsiConsole console, MovePlan move)
    {
        var border = console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii;
        var n = move.Network;
        console.MarkupLine(Markup.Escape($"Move of '{move.Estate}' into site '{move.DataCenter}'."));
        console.MarkupLine($"[bold]Network:[/] {Markup.Escape(Count(n.Subnets.Count(s => s.Fate == SubnetFate.Moved), "subnet"))} moved whole, " +
                           $"{Markup.Escape(Count(n.Subnets.Count(s => s.Fate == SubnetFate.Split), "subnet"))} split, {n.Subnets.Count(s => s.Fate == SubnetFate.Stays)} staying; " +
                           $"[bold]addresses that change: {n.AddressChanges}[/]; {Markup.Escape(Count(n.Routes.Count, "route change"))}.");
        if (n.Subnets.Count > 0)
        {
            var table = new Table().Border(border)
                .AddColumn(new TableColumn("subnet").NoWrap()).AddColumn("site").AddColumn("fate")
                .AddColumn(new TableColumn("moving").RightAligned()).AddColumn(new TableColumn("staying").RightAligned())
                .AddColumn("option").AddColumn(new TableColumn("addresses changed").RightAligned());
            foreach (var s in n.Subnets)
            {
                var chosen = s.Options.FirstOrDefault(o => o.Kind == s.Chosen);
                table.AddRow(Markup.Escape(s.Prefix), Markup.Escape(s.Site), s.Fate.ToString().ToLowerInvariant(), s.MovingServers.Count.ToString(CultureInfo.InvariantCulture),
                    s.StayingServers.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Chosen ?? "-"),
                    (chosen?.AddressChanges ?? 0).ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        foreach (var s in n.Subnets.Where(s => s.Fate == SubnetFate.Split))
        {
            console.MarkupLine(Markup.Escape($"Subnet {s.Prefix} is split; its options: " +
                string.Join("; ", s.Options.Select(o => $"{o.Kind}: {Count(o.AddressChanges, "address change", "address changes")}"))));
        }

        var kept = n.AddressSensitive.Count(a => a.Kept);
        console.MarkupLine(Markup.Escape($"Address-sensitive workloads: {n.AddressSensitive.Count}, of which {kept} keep their address."));
        foreach (var a in n.AddressSensitive.Where(a => !a.Kept))
        {
            console.MarkupLine(Markup.Escape($"  {a.Workload} ({(a.Address.Length == 0 ? "no address" : a.Address)}): {a.Reason}"));
        }

        if (move.Wan.Count > 0)
        {
            console.MarkupLine("[bold]WAN[/] (peak Mbps):");
            var table = new Table().Border(border)
                .AddColumn(new TableColumn("link").NoWrap()).AddColumn(new TableColumn("between").NoWrap())
                .AddColumn(new TableColumn("Mbps").RightAligned()).AddColumn(new TableColumn("limit").RightAligned())
                .AddColumn(new TableColumn("before").RightAligned()).AddColumn(new TableColumn("after").RightAligned())
                .AddColumn(new TableColumn("% of link").RightAligned()).AddColumn(new TableColumn("% of limit").RightAligned());
            foreach (var l in move.Wan)
            {
                var after = F(l.AfterMbps) + (l.Overloaded ? " (over)" : "");
                table.AddRow(Markup.Escape(l.Link), Markup.Escape($"{l.From}–{l.To}"), F(l.BandwidthMbps), F(l.LimitMbps), F(l.BeforeMbps),
                    l.Overloaded ? $"[red]{Markup.Escape(after)}[/]" : after, Pct(l.AfterMbps, l.BandwidthMbps), Pct(l.AfterMbps, l.LimitMbps));
            }

            console.Write(table);
        }

        console.MarkupLine(Markup.Escape($"Waves: {move.Waves.Count}, {F(move.Waves.Sum(w => w.Hours))} hours in all, moving {Count(move.Waves.Sum(w => w.Servers.Count), "server")}."));
        var c = move.Cost;
        var currency = c.Currency.Length == 0 ? "" : " " + c.Currency;
        console.MarkupLine(Markup.Escape($"Equipment: {Units(c.Before)} before, {Units(c.After)} after; power {c.Before.PowerKw.ToString("0.##", CultureInfo.InvariantCulture)} kW before, {c.After.PowerKw.ToString("0.##", CultureInfo.InvariantCulture)} kW after; " +
                                         $"rack units {c.Before.RackUnits} before, {c.After.RackUnits} after."));
        console.MarkupLine(Markup.Escape($"Cost over {c.Years} years: before {M(c.Before.Cost.Total)}{currency}, after {M(c.After.Cost.Total)}{currency}."));
        if (c.Models.Count > 0)
        {
            var cheapest = c.Models[0];
            var inPlan = c.Models.FirstOrDefault(m => m.InPlan);
            console.MarkupLine(Markup.Escape($"Cheapest host model over {c.Years} years: {cheapest.Model} ({Count(cheapest.Hosts, "host")}, {M(cheapest.Cost.Total)}{currency})" +
                (cheapest.InPlan || inPlan is null ? ", the plan's." : $"; the plan's {inPlan.Model} costs {M(inPlan.Cost.Total - cheapest.Cost.Total)}{currency} more.")));
        }

        if (c.NotGiven.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"Not given, counted as 0: {string.Join(", ", c.NotGiven)}."));
        }
    }

    public static void Violations(IAnsiConsole console, IReadOnlyList<MoveViolation> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii).AddColumns("kind", "violation");
        foreach (var v in violations)
        {
            table.AddRow(Markup.Escape(v.Kind), Markup.Escape(v.Message));
        }

        console.Write(table);
        console.MarkupLine($"[red]{violations.Count} violation{(violations.Count == 1 ? "" : "s")}.[/]");
    }

    private static string Units(CostSide side) => string.Join(", ", side.Equipment.Where(e => e.Count > 0).Select(e => $"{e.Count} {e.Kind}"));

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string M(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double v, double of) => of <= 0 ? "-" : (v / of * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
