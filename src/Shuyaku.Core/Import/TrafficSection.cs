using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'traffic' section: users' peak traffic per service and the site they are at.</summary>
internal sealed class TrafficSection(YamlNodes n, CrossSectionChecks references)
{
    public List<ServiceTraffic> Read(YamlNode? node, List<Site> sites, List<Workload> workloads)
    {
        var list = new List<ServiceTraffic>();
        var services = workloads.Select(w => w.Service).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), YamlNode>();
        foreach (var item in n.Sequence(node, "traffic"))
        {
            var f = n.Mapping(item, "a traffic entry", "service", "site", "peak");
            if (f is null)
            {
                continue;
            }

            var service = n.Text(f.Required("service"), "a traffic entry's service");
            var site = n.Text(f.Required("site"), "a traffic entry's site");
            var what = service is null ? "a traffic entry" : $"the traffic of service '{service}'";
            var peak = n.Quantity(f.Required("peak"), $"{what}'s peak", QuantityKind.Bandwidth);
            var known = true;
            if (service is not null && !services.Contains(service))
            {
                n.Error(f["service"]!, $"{what} names a service no workload has: give a workload that service or fix the name ({Listing(services)})");
                known = false;
            }

            if (site is not null && sites.All(s => s.Id != site))
            {
                references.SiteExists(f["site"]!, what, site, sites);
                known = false;
            }

            if (service is null || site is null || peak is null || !known)
            {
                continue;
            }

            if (seen.TryGetValue((service, site), out var first))
            {
                n.Error(f.Node, $"{what} from site '{site}' is given twice (first at line {first.Start.Line}): keep one entry per service and site");
                continue;
            }

            seen[(service, site)] = f.Node;
            list.Add(new ServiceTraffic(service, site, peak.Value));
        }

        return list;
    }

    /// <summary>The services, in order, for a message; a long list is cut.</summary>
    internal static string Listing(IEnumerable<string> names)
    {
        var all = names.Order(StringComparer.Ordinal).ToList();
        return all.Count == 0 ? "there are none"
            : all.Count <= 12 ? $"services: {string.Join(", ", all)}"
            : $"services: {string.Join(", ", all.Take(12))}, …";
    }
}
