using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'costs' section: currency, energy, hypervisor licences, administration, horizon and today's servers' defaults.</summary>
internal sealed class CostSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxHorizonYears = 100;
    private const int MaxCoresPerCpu = 1024;

    public CostSettings Read(YamlNode? node)
    {
        var c = new CostSettings();
        var f = n.Mapping(node, T("estate.what.costs"), "currency", "energy", "licence", "admin", "horizon", "servers");
        if (f is null)
        {
            return c;
        }

        references.Place("costs", f.Node);
        if (f["horizon"] is { } horizon)
        {
            references.Place("costs.horizon", horizon);
        }

        var energy = n.Mapping(f["energy"], F("estate.costs.part", "energy"), "price", "pue");
        var licence = n.Mapping(f["licence"], F("estate.costs.part", "licence"), "per", "price", "perYear", "minCoresPerCpu");
        var admin = n.Mapping(f["admin"], F("estate.costs.part", "admin"), "hoursPerMachine", "hoursPerVm", "hourPrice");
        var servers = n.Mapping(f["servers"], F("estate.costs.part", "servers"), "power", "price", "maintenance", "rackUnits");
        return c with
        {
            Currency = n.Text(f["currency"], F("estate.costs.part", "currency")) ?? c.Currency,
            EnergyPricePerKwh = n.Number(energy?["price"], T("estate.costs.energy-price"), 0),
            Pue = n.Number(energy?["pue"], T("estate.costs.pue"), 1) ?? c.Pue,
            LicenceUnit = UnitOf(licence?["per"]) ?? c.LicenceUnit,
            LicencePrice = n.Number(licence?["price"], T("estate.costs.licence-price"), 0),
            LicencePerYear = n.Number(licence?["perYear"], T("estate.costs.licence-per-year"), 0) ?? c.LicencePerYear,
            MinCoresPerCpu = n.Integer(licence?["minCoresPerCpu"], T("estate.costs.licence-min-cores"), 1, MaxCoresPerCpu) ?? c.MinCoresPerCpu,
            AdminHoursPerMachine = n.Number(admin?["hoursPerMachine"], T("estate.costs.admin-hours-machine"), 0) ?? c.AdminHoursPerMachine,
            AdminHoursPerVm = n.Number(admin?["hoursPerVm"], T("estate.costs.admin-hours-vm"), 0) ?? c.AdminHoursPerVm,
            AdminHourPrice = n.Number(admin?["hourPrice"], T("estate.costs.admin-hour-price"), 0),
            HorizonYears = n.Integer(f["horizon"], T("estate.costs.horizon"), 1, MaxHorizonYears),
            ServerPowerW = n.Quantity(servers?["power"], T("estate.costs.server-power"), QuantityKind.Power),
            ServerPrice = n.Number(servers?["price"], T("estate.costs.server-price"), 0),
            ServerMaintenancePerYear = n.Number(servers?["maintenance"], T("estate.costs.server-maintenance"), 0) ?? c.ServerMaintenancePerYear,
            ServerRackUnits = n.Integer(servers?["rackUnits"], T("estate.costs.server-rack-units"), 1, ServerSection.MaxRackUnits) ?? c.ServerRackUnits,
        };
    }

    private LicenceUnit? UnitOf(YamlNode? node)
    {
        var text = n.Text(node, T("estate.costs.licence-per"));
        switch (text)
        {
            case null: return null;
            case "socket": return LicenceUnit.Socket;
            case "core": return LicenceUnit.Core;
            default:
                n.Error(node!, F("estate.costs.licence-unit", text));
                return null;
        }
    }
}
