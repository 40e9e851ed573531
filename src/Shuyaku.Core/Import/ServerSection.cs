using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'servers' section: today's machines, their hardware, addresses, power and price.</summary>
internal sealed class ServerSection(YamlNodes n, CrossSectionChecks references)
{
    /// <summary>The most rack units one machine or piece of equipment may take: a full rack is 42–52.</summary>
    public const int MaxRackUnits = 100;

    public Dictionary<string, Server> Read(YamlNode? node, List<Site> sites)
    {
        var servers = new Dictionary<string, Server>(StringComparer.Ordinal);
        var ids = new UniqueIds(n, T("estate.kind.server"));
        foreach (var item in n.Sequence(node, "servers"))
        {
            var f = n.Mapping(item, T("estate.what.a-server"), "id", "site", "hardware", "ip", "subnet", "ipv6", "power", "price", "maintenance", "rackUnits");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-server"), "id"));
            var what = string.IsNullOrEmpty(id) ? T("estate.what.a-server") : F("estate.what.server", id);
            var site = n.Text(f.Required("site"), Of(what, "site"));
            if (site is not null)
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var hw = HardwareOf(f.Required("hardware"), what);
            var (ip, subnet) = Address(f, what);
            var ipv6 = n.Address(f["ipv6"], Of(what, "ipv6"), v6: true);
            var power = n.Quantity(f["power"], Of(what, "power"), QuantityKind.Power);
            var price = n.Number(f["price"], Of(what, "price"), 0);
            var maintenance = n.Number(f["maintenance"], F("estate.server.maintenance", what), 0);
            var rackUnits = n.Integer(f["rackUnits"], F("estate.server.rack-units", what), 1, MaxRackUnits);
            if (ids.Add(id, f.Node))
            {
                if (hw is not null)
                {
                    servers[id!] = new Server(id!, site ?? "", hw, ip, subnet)
                    {
                        Ipv6 = ipv6,
                        PowerW = power,
                        Price = price,
                        MaintenancePerYear = maintenance,
                        RackUnits = rackUnits,
                    };
                    references.Place($"server:{id}", f.Node);
                    references.ServerAddressNodes[id!] = (f["subnet"], f["ip"]);
                }
                else
                {
                    references.InvalidServer(id!);
                }
            }
        }

        return servers;
    }

    private Hardware? HardwareOf(YamlNode? node, string what)
    {
        var f = n.Mapping(node, Of(what, "hardware"), "sockets", "cores", "clock", "perf", "memory", "disk");
        if (f is null)
        {
            return null;
        }

        var (sockets, cores, clock, perf, memory, disk) = new MachineFields(n).Read(f, what);
        return sockets is null || cores is null || clock is null || memory is null
            ? null
            : new Hardware(sockets.Value, cores.Value, clock.Value, perf, memory.Value, disk);
    }

    private (string? Ip, string? Subnet) Address(Fields f, string what)
    {
        var ip = n.Text(f["ip"], Of(what, "ip"));
        if (ip is not null && !System.Net.IPAddress.TryParse(ip, out _))
        {
            n.Error(f["ip"]!, F("estate.server.not-ip", what, ip));
        }

        var subnet = n.Text(f["subnet"], Of(what, "subnet"));
        if (subnet is not null && !System.Net.IPNetwork.TryParse(subnet, out _))
        {
            n.Error(f["subnet"]!, F("estate.server.not-subnet", what, subnet));
        }
        else if (subnet is not null && ip is not null && System.Net.IPAddress.TryParse(ip, out var address)
                 && !System.Net.IPNetwork.Parse(subnet).Contains(address))
        {
            n.Error(f["ip"]!, F("estate.server.outside-subnet", what, ip, subnet));
        }

        return (ip, subnet);
    }
}
