using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'sites' section.</summary>
internal sealed class SiteSection(YamlNodes n)
{
    public List<Site> Read(YamlNode? node)
    {
        var sites = new List<Site>();
        var ids = new UniqueIds(n, "site");
        foreach (var item in n.Sequence(node, "sites"))
        {
            var f = n.Mapping(item, "a site", "id", "name", "role", "router");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), "a site's id");
            var role = SiteRole.Campus;
            var roleText = n.Text(f["role"], "a site's role");
            if (roleText is not null)
            {
                switch (roleText)
                {
                    case "campus": role = SiteRole.Campus; break;
                    case "datacenter" or "data-center" or "dc": role = SiteRole.DataCenter; break;
                    default: n.Error(f["role"]!, $"site role '{roleText}' is unknown: write campus or datacenter"); break;
                }
            }

            var router = n.Address(f["router"], string.IsNullOrEmpty(id) ? "a site's router" : $"site '{id}''s router");
            if (ids.Add(id, f.Node))
            {
                sites.Add(new Site(id!, n.Text(f["name"], "a site's name") ?? id!, role) { Router = router });
            }
        }

        return sites;
    }
}
