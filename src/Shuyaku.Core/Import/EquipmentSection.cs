using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'equipment' section: load balancers, storage, backup units, switches and racks per site.</summary>
internal sealed class EquipmentSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxCount = 100_000;

    private static readonly (string Name, EquipmentKind Kind)[] Kinds =
    [
        ("loadBalancer", EquipmentKind.LoadBalancer), ("storage", EquipmentKind.Storage), ("backup", EquipmentKind.Backup),
        ("switch", EquipmentKind.Switch), ("rack", EquipmentKind.Rack), ("other", EquipmentKind.Other),
    ];

    public List<Equipment> Read(YamlNode? node, List<Site> sites)
    {
        var list = new List<Equipment>();
        var ids = new UniqueIds(n, T("estate.kind.equipment"));
        foreach (var item in n.Sequence(node, "equipment"))
        {
            var f = n.Mapping(item, T("estate.what.an-equipment-entry"), "id", "site", "kind", "name", "count", "power", "rackUnits", "price", "maintenance", "redundant");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.an-equipment-entry"), "id"));
            var what = string.IsNullOrEmpty(id) ? T("estate.what.an-equipment-entry") : F("estate.what.equipment", id);
            var site = n.Text(f.Required("site"), Of(what, "site"));
            var siteKnown = site is not null && sites.Any(s => s.Id == site);
            if (site is not null && !siteKnown)
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var kind = KindOf(f.Required("kind"), what);
            var count = n.Integer(f["count"], Of(what, "count"), 1, MaxCount);
            var power = n.Quantity(f["power"], Of(what, "power"), QuantityKind.Power);
            var rackUnits = n.Integer(f["rackUnits"], F("estate.server.rack-units", what), 0, ServerSection.MaxRackUnits);
            var price = n.Number(f["price"], Of(what, "price"), 0);
            var maintenance = n.Number(f["maintenance"], F("estate.server.maintenance", what), 0);
            var redundant = n.Boolean(f["redundant"], F("estate.equipment.redundant", what));
            var name = n.Text(f["name"], Of(what, "name"));
            if (ids.Add(id, f.Node) && siteKnown && kind is not null)
            {
                references.Place($"equipment:{id}", f.Node);
                list.Add(new Equipment
                {
                    Id = id!,
                    Site = site!,
                    Kind = kind.Value,
                    Name = name ?? id!,
                    Count = count ?? 1,
                    PowerW = power ?? 0,
                    RackUnits = rackUnits ?? 0,
                    Price = price ?? 0,
                    MaintenancePerYear = maintenance ?? 0,
                    Redundant = redundant ?? false,
                });
            }
        }

        return list;
    }

    private EquipmentKind? KindOf(YamlNode? node, string what)
    {
        var text = n.Text(node, Of(what, "kind"));
        if (text is null)
        {
            return null;
        }

        foreach (var (name, kind) in Kinds)
        {
            if (name == text)
            {
                return kind;
            }
        }

        n.Error(node!, F("estate.equipment.kind", what, text, string.Join(", ", Kinds[..^1].Select(k => k.Name)), Kinds[^1].Name));
        return null;
    }
}
