using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

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
            var f = n.Mapping(item, T("estate.what.a-traffic-entry"), "service", "site", "peak");
            if (f is null)
            {
                continue;
            }

            var service = n.Text(f.Required("service"), Of(T("estate.what.a-traffic-entry"), "service"));
            var site = n.Text(f.Required("site"), Of(T("estate.what.a-traffic-entry"), "site"));
            var what = service is null ? T("estate.what.a-traffic-entry") : F("estate.what.traffic", service);
            var peak = n.Quantity(f.Required("peak"), Of(what, "peak"), QuantityKind.Bandwidth);
            var known = true;
            if (service is not null && !services.Contains(service))
            {
                n.Error(f["service"]!, F("estate.traffic.unknown-service", what, Listing(services)));
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
                n.Error(f.Node, F("estate.traffic.twice", what, site, first.Start.Line));
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
        return all.Count == 0 ? T("estate.traffic.no-services")
            : all.Count <= 12 ? F("estate.traffic.services", string.Join(", ", all))
            : F("estate.traffic.services", string.Join(", ", all.Take(12)) + ", …");
    }
}
