using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Power;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Move;

/// <summary>
/// Equipment, power and cost over the horizon before and after the move (docs/move-format.md, "Cost"). Before: every
/// server of today and the equipment at the sites other than the data centre, renewed as they are. After: the plan's
/// hosts, the data centre's equipment and the servers that stay (they host no workload).
/// </summary>
internal sealed class CostModel
{
    /// <summary>Hours in a year, for energy.</summary>
    public const double HoursPerYear = 8760;

    private readonly Estate _estate;
    private readonly MoveScope _scope;
    private readonly SortedSet<string> _notGiven = new(StringComparer.Ordinal);

    /// <summary>The cost model of <paramref name="estate"/> moving under <paramref name="scope"/>.</summary>
    public CostModel(Estate estate, MoveScope scope)
    {
        _estate = estate;
        _scope = scope;
        Years = estate.Costs.HorizonYears ?? estate.Policy.HorizonYears;
    }

    /// <summary>The horizon in years.</summary>
    public int Years { get; }

    private CostSettings C => _estate.Costs;

    /// <summary>The comparison for <paramref name="plan"/>, with <paramref name="models"/> (VM-host counts per catalog model) priced.</summary>
    public CostComparison Compare(Plan plan, IReadOnlyList<(string Model, int Hosts)> models)
    {
        var before = Before();
        var after = After(plan);
        var priced = new List<ModelCost>();
        var dedicated = plan.Hosts.Where(h => h.Dedicated).ToList();
        foreach (var (id, hosts) in models)
        {
            if (id == plan.HostModel)
            {
                priced.Add(new ModelCost(id, plan.Hosts.Count, after.Cost, true));
            }
            else if (_estate.FindModel(id) is { } model)
            {
                priced.Add(new ModelCost(id, hosts + dedicated.Count, AfterWith(model, hosts, dedicated).Cost, false));
            }
        }

        if (priced.All(m => !m.InPlan))
        {
            priced.Add(new ModelCost(plan.HostModel, plan.Hosts.Count, after.Cost, true));
        }

        var ordered = priced.OrderBy(m => m.Cost.Total).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        return new CostComparison(Years, C.Currency, before, after, ordered, [.. _notGiven]);
    }

    /// <summary>Today's servers (every site) and the equipment outside the data centre, renewed as they are.</summary>
    public CostSide Before()
    {
        var side = new Side();
        foreach (var s in _estate.Servers)
        {
            AddServer(side, s);
        }

        foreach (var e in _estate.Equipment.Where(e => e.Site != _scope.DataCenter))
        {
            AddEquipment(side, e);
        }

        return Finish(side, licences: 0, vms: 0);
    }

    /// <summary>The plan's hosts at their average CPU utilisation, the data centre's equipment and the staying servers.</summary>
    public CostSide After(Plan plan)
    {
        var side = Common();
        var policy = _estate.Policy with { Failures = plan.Inputs.Failures, Statistic = Statistic.Avg };
        var workloads = _estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var byHost = plan.Assignments.GroupBy(a => a.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.Workload).Where(workloads.ContainsKey).ToList(), StringComparer.Ordinal);
        var demands = new Dictionary<string, DemandModel>(StringComparer.Ordinal);
        double licences = 0;
        var vms = 0;
        foreach (var host in plan.Hosts)
        {
            if (_estate.FindModel(host.Model) is not { } model)
            {
                continue;
            }

            var on = byHost.GetValueOrDefault(host.Id) ?? [];
            double utilisation;
            if (host.Dedicated)
            {
                var load = on.Sum(id => Sizer.BareMetalDemand(_estate, workloads[id], policy).Cpu);
                utilisation = Share(load, Sizer.BareMetalCapacity(model, policy with { Headroom = new ResourceVector(1, 1, 1, 1) }).Cpu);
            }
            else
            {
                if (!demands.TryGetValue(model.Id, out var demand))
                {
                    demands[model.Id] = demand = DemandModel.Build(_estate, model, policy, SizingOptions.Default, null, withGrowth: false);
                }

                utilisation = Share(on.Sum(id => demand.Of(id).Cpu), Sizer.HostCapacity(model, policy, failover: false, headroom: false).Cpu);
                licences += Licences(model);
                vms += on.Count;
            }

            AddHost(side, model, utilisation);
        }

        return Finish(side, licences, vms);
    }

    /// <summary>The after side with <paramref name="hosts"/> hosts of <paramref name="model"/> sharing the load evenly, beside the plan's dedicated hosts.</summary>
    public CostSide AfterWith(HostModel model, int hosts, IReadOnlyList<PlannedHost> dedicated)
    {
        var side = Common();
        var policy = _estate.Policy with { Statistic = Statistic.Avg };
        var virtualised = _estate.Workloads.Where(w => !w.Dedicated).ToList();
        var demand = DemandModel.Build(_estate, model, policy, SizingOptions.Default, null, withGrowth: false);
        var utilisation = hosts == 0 ? 0 : Share(virtualised.Sum(w => demand.Of(w.Id).Cpu), hosts * Sizer.HostCapacity(model, policy, failover: false, headroom: false).Cpu);
        for (var i = 0; i < hosts; i++)
        {
            AddHost(side, model, utilisation);
        }

        foreach (var h in dedicated)
        {
            if (_estate.FindModel(h.Model) is { } m)
            {
                AddHost(side, m, 0);
            }
        }

        return Finish(side, hosts * Licences(model), virtualised.Count);
    }

    /// <summary>Licence units of one hypervisor host: its sockets, or its cores with at least the minimum per CPU.</summary>
    public double Licences(HostModel model)
    {
        if (C.LicencePrice is null)
        {
            _notGiven.Add("costs.licence.price");
        }

        var units = C.LicenceUnit == LicenceUnit.Socket ? model.Sockets : model.Sockets * Math.Max(model.CoresPerSocket, C.MinCoresPerCpu);
        return units * ((C.LicencePrice ?? 0) + (C.LicencePerYear * Years));
    }

    private Side Common()
    {
        var side = new Side();
        side.Count("host", 0);
        foreach (var s in _estate.Servers.Where(s => _scope.StayingServers.Contains(s.Id)))
        {
            AddServer(side, s);
        }

        foreach (var e in _estate.Equipment.Where(e => e.Site == _scope.DataCenter))
        {
            AddEquipment(side, e);
        }

        return side;
    }

    private void AddServer(Side side, Server s)
    {
        if (s.PowerW is null && C.ServerPowerW is null)
        {
            _notGiven.Add("costs.servers.power");
        }

        if (s.Price is null && C.ServerPrice is null)
        {
            _notGiven.Add("costs.servers.price");
        }

        side.Count("server", 1);
        side.Add(s.PowerW ?? C.ServerPowerW ?? 0, s.RackUnits ?? C.ServerRackUnits, s.Price ?? C.ServerPrice ?? 0, s.MaintenancePerYear ?? C.ServerMaintenancePerYear, 1);
    }

    private static void AddEquipment(Side side, Equipment e)
    {
        side.Count(Kind(e.Kind), e.Count);
        side.Add(e.PowerW, e.RackUnits, e.Price, e.MaintenancePerYear, e.Count);
    }

    private static void AddHost(Side side, HostModel model, double utilisation)
    {
        side.Count("host", 1);
        side.Add(PowerCurve.For(model).At(utilisation), model.RackUnits, model.Price, model.MaintenancePerYear, 1);
    }

    private CostSide Finish(Side side, double licences, int vms)
    {
        if (C.EnergyPricePerKwh is null)
        {
            _notGiven.Add("costs.energy.price");
        }

        if (C.AdminHourPrice is null)
        {
            _notGiven.Add("costs.admin.hourPrice");
        }

        var kw = side.Watts / 1000;
        var kwhPerYear = kw * HoursPerYear * C.Pue;
        var adminHours = (C.AdminHoursPerMachine * side.Machines) + (C.AdminHoursPerVm * vms);
        var cost = new CostBreakdown(
            side.Purchase,
            side.MaintenancePerYear * Years,
            kwhPerYear * (C.EnergyPricePerKwh ?? 0) * Years,
            licences,
            adminHours * (C.AdminHourPrice ?? 0) * Years);
        return new CostSide([.. side.Counts.Select(c => new EquipmentCount(c.Key, c.Value))], kw, kwhPerYear, side.RackUnits, cost);
    }

    /// <summary>The kind as the estate format spells it.</summary>
    public static string Kind(EquipmentKind kind) => kind switch
    {
        EquipmentKind.LoadBalancer => "loadBalancer",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static double Share(double load, double capacity) => capacity <= 0 ? 0 : Math.Clamp(load / capacity, 0, 1);

    /// <summary>Sums for one side, machines and units counted as they are added.</summary>
    private sealed class Side
    {
        public List<KeyValuePair<string, int>> Counts { get; } = [];

        public double Watts { get; private set; }

        public int RackUnits { get; private set; }

        public double Purchase { get; private set; }

        public double MaintenancePerYear { get; private set; }

        public int Machines { get; private set; }

        public void Count(string kind, int n)
        {
            var i = Counts.FindIndex(c => c.Key == kind);
            if (i < 0)
            {
                Counts.Add(new(kind, n));
            }
            else
            {
                Counts[i] = new(kind, Counts[i].Value + n);
            }
        }

        public void Add(double watts, int rackUnits, double price, double maintenance, int units)
        {
            Watts += watts * units;
            RackUnits += rackUnits * units;
            Purchase += price * units;
            MaintenancePerYear += maintenance * units;
            Machines += units;
        }
    }
}
