using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'catalog' section: the host models a plan may buy, with their power and price.</summary>
internal sealed class CatalogSection(YamlNodes n)
{
    public List<HostModel> Read(YamlNode? node)
    {
        var list = new List<HostModel>();
        var ids = new UniqueIds(n, T("estate.kind.host-model"));
        foreach (var item in n.Sequence(node, "catalog"))
        {
            var f = n.Mapping(item, T("estate.what.a-host-model"), "id", "name", "sockets", "cores", "clock", "perf", "memory", "disk", "network", "power", "specpower", "price", "rackUnits", "maintenance");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-host-model"), "id"));
            var what = string.IsNullOrEmpty(id) ? T("estate.what.a-host-model") : F("estate.what.host-model", id);
            var (sockets, cores, clock, perf, memory, disk) = new MachineFields(n).Read(f, what);
            var network = n.Quantity(f["network"], Of(what, "network"), QuantityKind.Bandwidth) ?? 1000;
            var price = n.Number(f["price"], Of(what, "price"), 0) ?? 0;
            var rack = n.Integer(f["rackUnits"], F("estate.server.rack-units", what), 1) ?? 1;
            var maintenance = n.Number(f["maintenance"], F("estate.server.maintenance", what), 0) ?? 0;
            var (idle, max, specpower) = Power(f, what);
            if (network == 0)
            {
                n.Error(f["network"]!, F("estate.machine.zero", Of(what, "network")));
            }

            if (ids.Add(id, f.Node) && sockets is not null && cores is not null && clock is not null && memory is not null)
            {
                list.Add(new HostModel
                {
                    Id = id!,
                    Name = n.Text(f["name"], Of(what, "name")) ?? id!,
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
            n.Error(node, T("estate.catalog.empty"));
        }

        return list;
    }

    /// <summary>Idle and maximum watts from 'power', or else from the ends of the SPECpower table.</summary>
    private (double Idle, double Max, double[]? SpecPower) Power(Fields f, string what)
    {
        double idle = 0, max = 0;
        var power = n.Mapping(f["power"], Of(what, "power"), "idle", "max");
        if (power is not null)
        {
            idle = n.Quantity(power.Required("idle"), F("estate.catalog.idle-power", what), QuantityKind.Power) ?? 0;
            max = n.Quantity(power.Required("max"), F("estate.catalog.max-power", what), QuantityKind.Power) ?? 0;
            if (max < idle)
            {
                n.Error(power.Node, F("estate.catalog.max-below-idle", what));
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
        var items = n.Sequence(node, Of(what, "specpower"));
        if (node is not YamlSequenceNode)
        {
            return null;
        }

        if (items.Count != 11)
        {
            n.Error(node, F("estate.catalog.specpower-count", what, items.Count));
            return null;
        }

        var watts = new double[11];
        for (var i = 0; i < 11; i++)
        {
            var text = n.Text(items[i], F("estate.catalog.specpower-at", what, i * 10));
            if (text is null)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w))
            {
                if (w < 0)
                {
                    n.Error(items[i], F("estate.catalog.specpower-negative", what, i * 10, text));
                    return null;
                }

                watts[i] = w;
            }
            else if (n.Quantity(items[i], F("estate.catalog.specpower-at", what, i * 10), QuantityKind.Power) is { } q)
            {
                watts[i] = q;
            }
            else
            {
                return null;
            }

            if (i > 0 && watts[i] < watts[i - 1])
            {
                n.Error(items[i], F("estate.catalog.specpower-falls", what, watts[i - 1].ToString(CultureInfo.InvariantCulture), watts[i].ToString(CultureInfo.InvariantCulture), i * 10));
                return null;
            }
        }

        return watts;
    }
}
