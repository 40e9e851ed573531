using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'catalog' section: the host models a plan may buy, with their power and price.</summary>
internal sealed class CatalogSection(YamlNodes n)
{
    public List<HostModel> Read(YamlNode? node)
    {
        var list = new List<HostModel>();
        var ids = new UniqueIds(n, "host model");
        foreach (var item in n.Sequence(node, "catalog"))
        {
            var f = n.Mapping(item, "a host model", "id", "name", "sockets", "cores", "clock", "perf", "memory", "disk", "network", "power", "specpower", "price", "rackUnits", "maintenance");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), "a host model's id");
            var what = string.IsNullOrEmpty(id) ? "a host model" : $"host model '{id}'";
            var (sockets, cores, clock, perf, memory, disk) = new MachineFields(n).Read(f, what);
            var network = n.Quantity(f["network"], $"{what}'s network", QuantityKind.Bandwidth) ?? 1000;
            var price = n.Number(f["price"], $"{what}'s price", 0) ?? 0;
            var rack = n.Integer(f["rackUnits"], $"{what}'s rack units", 1) ?? 1;
            var maintenance = n.Number(f["maintenance"], $"{what}'s yearly maintenance", 0) ?? 0;
            var (idle, max, specpower) = Power(f, what);
            if (network == 0)
            {
                n.Error(f["network"]!, $"{what}'s network must be more than zero");
            }

            if (ids.Add(id, f.Node) && sockets is not null && cores is not null && clock is not null && memory is not null)
            {
                list.Add(new HostModel
                {
                    Id = id!,
                    Name = n.Text(f["name"], $"{what}'s name") ?? id!,
                    Sockets = sockets.Value,
                    CoresPerSocket = cores.Value,
                    ClockGhz = clock.Value,
                    PerfFactor = perf,
                    MemoryMib = memory.Value,
                    DiskMib = disk,
                    NetworkMbps = network,
                    PowerIdleW = idle,
                    PowerMaxW = max,
                    SpecPowerW = specpower,
                    Price = price,
                    RackUnits = rack,
                    MaintenancePerYear = maintenance,
                });
            }
        }

        if (node is not null && list.Count == 0 && n.Errors.Count == 0)
        {
            n.Error(node, "the catalog is empty: list at least one host model to plan with");
        }

        return list;
    }

    /// <summary>Idle and maximum watts from 'power', or else from the ends of the SPECpower table.</summary>
    private (double Idle, double Max, double[]? SpecPower) Power(Fields f, string what)
    {
        double idle = 0, max = 0;
        var power = n.Mapping(f["power"], $"{what}'s power", "idle", "max");
        if (power is not null)
        {
            idle = n.Quantity(power.Required("idle"), $"{what}'s idle power", QuantityKind.Power) ?? 0;
            max = n.Quantity(power.Required("max"), $"{what}'s maximum power", QuantityKind.Power) ?? 0;
            if (max < idle)
            {
                n.Error(power.Node, $"{what}'s maximum power is below its idle power: swap them");
            }
        }

        var specpower = SpecPower(f["specpower"], what);
        if (specpower is not null && power is null)
        {
            (idle, max) = (specpower[0], specpower[^1]);
        }

        return (idle, max, specpower);
    }

    /// <summary>The optional 11-point SPECpower table of a host model: watts at 0%, 10%, …, 100% load, plain numbers or with W/kW.</summary>
    private double[]? SpecPower(YamlNode? node, string what)
    {
        var items = n.Sequence(node, $"{what}'s specpower");
        if (node is not YamlSequenceNode)
        {
            return null;
        }

        if (items.Count != 11)
        {
            n.Error(node, $"{what}'s specpower has {items.Count} values: write 11, the watts at 0%, 10%, …, 100% load");
            return null;
        }

        var watts = new double[11];
        for (var i = 0; i < 11; i++)
        {
            var text = n.Text(items[i], $"{what}'s specpower at {i * 10}%");
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w))
            {
                if (w < 0)
                {
                    n.Error(items[i], $"{what}'s specpower at {i * 10}% is {text}: watts must be zero or more");
                    return null;
                }

                watts[i] = w;
            }
            else if (n.Quantity(items[i], $"{what}'s specpower at {i * 10}%", QuantityKind.Power) is { } q)
            {
                watts[i] = q;
            }
            else
            {
                return null;
            }

            if (i > 0 && watts[i] < watts[i - 1])
            {
                n.Error(items[i], $"{what}'s specpower falls from {watts[i - 1].ToString(CultureInfo.InvariantCulture)} W to {watts[i].ToString(CultureInfo.InvariantCulture)} W at {i * 10}%: power must not fall as load rises");
                return null;
            }
        }

        return watts;
    }
}
