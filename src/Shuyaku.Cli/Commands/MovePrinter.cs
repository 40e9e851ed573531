using System.Globalization;
using Shuyaku.Cli.Localization;
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
        console.MarkupLine(Markup.Escape(Texts.Format("cli.move.title", move.Estate, move.DataCenter)));
        console.MarkupLine(Texts.Format("cli.move.network",
            Markup.Escape(Texts.Count("cli.count.subnet", n.Subnets.Count(s => s.Fate == SubnetFate.Moved))),
            Markup.Escape(Texts.Count("cli.count.subnet", n.Subnets.Count(s => s.Fate == SubnetFate.Split))),
            n.Subnets.Count(s => s.Fate == SubnetFate.Stays), n.AddressChanges, Markup.Escape(Texts.Count("cli.count.route-change", n.Routes.Count))));
        if (n.Subnets.Count > 0)
        {
            var table = new Table().Border(border)
                .AddColumn(new TableColumn(Texts.Get("cli.move.column.subnet")).NoWrap()).AddColumn(Texts.Get("cli.move.column.site")).AddColumn(Texts.Get("cli.move.column.fate"))
                .AddColumn(new TableColumn(Texts.Get("cli.move.column.moving")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.move.column.staying")).RightAligned())
                .AddColumn(Texts.Get("cli.move.column.option")).AddColumn(new TableColumn(Texts.Get("cli.move.column.addresses-changed")).RightAligned());
            foreach (var s in n.Subnets)
            {
                var chosen = s.Options.FirstOrDefault(o => o.Kind == s.Chosen);
                var fate = s.Fate switch
                {
                    SubnetFate.Moved => Texts.Get("cli.move.fate.moved"),
                    SubnetFate.Split => Texts.Get("cli.move.fate.split"),
                    _ => Texts.Get("cli.move.fate.stays"),
                };
                table.AddRow(Markup.Escape(s.Prefix), Markup.Escape(s.Site), fate, s.MovingServers.Count.ToString(CultureInfo.InvariantCulture),
                    s.StayingServers.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Chosen ?? "-"),
                    (chosen?.AddressChanges ?? 0).ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        foreach (var s in n.Subnets.Where(s => s.Fate == SubnetFate.Split))
        {
            console.MarkupLine(Markup.Escape(Texts.Format("cli.move.split", s.Prefix,
                string.Join("; ", s.Options.Select(o => $"{o.Kind}: {Texts.Count("cli.count.address-change", o.AddressChanges)}")))));
        }

        var kept = n.AddressSensitive.Count(a => a.Kept);
        console.MarkupLine(Markup.Escape(Texts.Format("cli.move.address-sensitive", n.AddressSensitive.Count, kept)));
        foreach (var a in n.AddressSensitive.Where(a => !a.Kept))
        {
            console.MarkupLine(Markup.Escape($"  {a.Workload} ({(a.Address.Length == 0 ? Texts.Get("cli.move.no-address") : a.Address)}): {MoveTexts.Describe(a.Reason)}"));
        }

        if (move.Wan.Count > 0)
        {
            console.MarkupLine(Texts.Get("cli.move.wan"));
            var table = new Table().Border(border)
                .AddColumn(new TableColumn(Texts.Get("cli.move.column.link")).NoWrap()).AddColumn(new TableColumn(Texts.Get("cli.move.column.between")).NoWrap())
                .AddColumn(new TableColumn("Mbps").RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.move.column.limit")).RightAligned())
                .AddColumn(new TableColumn(Texts.Get("cli.move.column.before")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.move.column.after")).RightAligned())
                .AddColumn(new TableColumn(Texts.Get("cli.move.column.of-link")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.move.column.of-limit")).RightAligned());
            foreach (var l in move.Wan)
            {
                var after = l.Overloaded ? Texts.Format("cli.move.over", F(l.AfterMbps)) : F(l.AfterMbps);
                table.AddRow(Markup.Escape(l.Link), Markup.Escape($"{l.From}–{l.To}"), F(l.BandwidthMbps), F(l.LimitMbps), F(l.BeforeMbps),
                    l.Overloaded ? $"[red]{Markup.Escape(after)}[/]" : after, Pct(l.AfterMbps, l.BandwidthMbps), Pct(l.AfterMbps, l.LimitMbps));
            }

            console.Write(table);
        }

        console.MarkupLine(Markup.Escape(Texts.Format("cli.move.waves", move.Waves.Count, F(move.Waves.Sum(w => w.Hours)), Texts.Count("cli.count.server", move.Waves.Sum(w => w.Servers.Count)))));
        var c = move.Cost;
        var currency = c.Currency.Length == 0 ? "" : " " + c.Currency;
        console.MarkupLine(Markup.Escape(Texts.Format("cli.move.equipment", Units(c.Before), Units(c.After), c.Before.PowerKw.ToString("0.##", CultureInfo.InvariantCulture),
            c.After.PowerKw.ToString("0.##", CultureInfo.InvariantCulture), c.Before.RackUnits, c.After.RackUnits)));
        console.MarkupLine(Markup.Escape(Texts.Format("cli.move.cost", c.Years, M(c.Before.Cost.Total) + currency, M(c.After.Cost.Total) + currency)));
        if (c.Models.Count > 0)
        {
            var cheapest = c.Models[0];
            var inPlan = c.Models.FirstOrDefault(m => m.InPlan);
            console.MarkupLine(Markup.Escape(Texts.Format("cli.move.cheapest", c.Years, cheapest.Model, Texts.Count("cli.count.host", cheapest.Hosts), M(cheapest.Cost.Total) + currency) +
                (cheapest.InPlan || inPlan is null ? Texts.Get("cli.move.cheapest.in-plan") : Texts.Format("cli.move.cheapest.other", inPlan.Model, M(inPlan.Cost.Total - cheapest.Cost.Total) + currency))));
        }

        if (c.NotGiven.Count > 0)
        {
            console.MarkupLine(Markup.Escape(Texts.Format("cli.move.not-given", string.Join(", ", c.NotGiven))));
        }
    }

    public static void Violations(IAnsiConsole console, IReadOnlyList<MoveViolation> violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii).AddColumns(Texts.Get("cli.column.kind"), Texts.Get("cli.column.violation"));
        foreach (var v in violations)
        {
            table.AddRow(Markup.Escape(v.Kind), Markup.Escape(MoveTexts.Describe(v.Message)));
        }

        console.Write(table);
        console.MarkupLine($"[red]{Texts.Count("cli.violations", violations.Count)}[/]");
    }

    /// <summary>The equipment counted on one side: each kind named in the reader's language (a kind this build does not know as the file spells it).</summary>
    private static string Units(CostSide side) => string.Join(Texts.Get("cli.move.kind.separator"), side.Equipment.Where(e => e.Count > 0).Select(e => e.Kind switch
    {
        "server" => Texts.Format("cli.move.kind.server", e.Count),
        "host" => Texts.Format("cli.move.kind.host", e.Count),
        "loadBalancer" => Texts.Format("cli.move.kind.load-balancer", e.Count),
        "storage" => Texts.Format("cli.move.kind.storage", e.Count),
        "backup" => Texts.Format("cli.move.kind.backup", e.Count),
        "switch" => Texts.Format("cli.move.kind.switch", e.Count),
        "rack" => Texts.Format("cli.move.kind.rack", e.Count),
        "other" => Texts.Format("cli.move.kind.other", e.Count),
        _ => Texts.Format("cli.move.kind.unknown", e.Count, e.Kind),
    }));

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string M(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double v, double of) => of <= 0 ? "-" : (v / of * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
