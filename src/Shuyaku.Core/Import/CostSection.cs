using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'costs' section: currency, energy, hypervisor licences, administration, horizon and today's servers' defaults.</summary>
internal sealed class CostSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxHorizonYears = 100;
    private const int MaxCoresPerCpu = 1024;

    public CostSettings Read(YamlNode? node)
    {
        var c = new CostSettings();
        var f = n.Mapping(node, "the costs", "currency", "energy", "licence", "admin", "horizon", "servers");
        if (f is null)
        {
            return c;
        }

        references.Place("costs", f.Node);
        if (f["horizon"] is { } horizon)
        {
            references.Place("costs.horizon", horizon);
        }

        var energy = n.Mapping(f["energy"], "the costs' energy", "price", "pue");
        var licence = n.Mapping(f["licence"], "the costs' licence", "per", "price", "perYear", "minCoresPerCpu");
        var admin = n.Mapping(f["admin"], "the costs' admin", "hoursPerMachine", "hoursPerVm", "hourPrice");
        var servers = n.Mapping(f["servers"], "the costs' servers", "power", "price", "maintenance", "rackUnits");
        return c with
        {
            Currency = n.Text(f["currency"], "the costs' currency") ?? c.Currency,
            EnergyPricePerKwh = n.Number(energy?["price"], "the energy price per kWh", 0),
            Pue = n.Number(energy?["pue"], "the PUE", 1) ?? c.Pue,
            LicenceUnit = UnitOf(licence?["per"]) ?? c.LicenceUnit,
            LicencePrice = n.Number(licence?["price"], "the licence price", 0),
            LicencePerYear = n.Number(licence?["perYear"], "the licence's yearly price", 0) ?? c.LicencePerYear,
            MinCoresPerCpu = n.Integer(licence?["minCoresPerCpu"], "the licence's minimum cores per CPU", 1, MaxCoresPerCpu) ?? c.MinCoresPerCpu,
            AdminHoursPerMachine = n.Number(admin?["hoursPerMachine"], "the admin hours per machine", 0) ?? c.AdminHoursPerMachine,
            AdminHoursPerVm = n.Number(admin?["hoursPerVm"], "the admin hours per VM", 0) ?? c.AdminHoursPerVm,
            AdminHourPrice = n.Number(admin?["hourPrice"], "the price of an admin hour", 0),
            HorizonYears = n.Integer(f["horizon"], "the costs' horizon in years", 1, MaxHorizonYears),
            ServerPowerW = n.Quantity(servers?["power"], "the servers' default power", QuantityKind.Power),
            ServerPrice = n.Number(servers?["price"], "the servers' default price", 0),
            ServerMaintenancePerYear = n.Number(servers?["maintenance"], "the servers' default yearly maintenance", 0) ?? c.ServerMaintenancePerYear,
            ServerRackUnits = n.Integer(servers?["rackUnits"], "the servers' default rack units", 1, ServerSection.MaxRackUnits) ?? c.ServerRackUnits,
        };
    }

    private LicenceUnit? UnitOf(YamlNode? node)
    {
        var text = n.Text(node, "the licence's 'per'");
        switch (text)
        {
            case null: return null;
            case "socket": return LicenceUnit.Socket;
            case "core": return LicenceUnit.Core;
            default:
                n.Error(node!, $"the licence is counted per '{text}', which is unknown: write socket or core");
                return null;
        }
    }
}
