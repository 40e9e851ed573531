using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'sites' section.</summary>
internal sealed class SiteSection(YamlNodes n)
{
    public List<Site> Read(YamlNode? node)
    {
        var sites = new List<Site>();
        var ids = new UniqueIds(n, T("estate.kind.site"));
        foreach (var item in n.Sequence(node, "sites"))
        {
            var f = n.Mapping(item, T("estate.what.a-site"), "id", "name", "role", "router");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-site"), "id"));
            var role = SiteRole.Campus;
            var roleText = n.Text(f["role"], Of(T("estate.what.a-site"), "role"));
            if (roleText is not null)
            {
                switch (roleText)
                {
                    case "campus": role = SiteRole.Campus; break;
                    case "datacenter" or "data-center" or "dc": role = SiteRole.DataCenter; break;
                    default: n.Error(f["role"]!, F("estate.site.role", roleText)); break;
                }
            }

            var router = n.Address(f["router"], string.IsNullOrEmpty(id) ? Of(T("estate.what.a-site"), "router") : F("estate.what.site-router", id));
            if (ids.Add(id, f.Node))
            {
                sites.Add(new Site(id!, n.Text(f["name"], Of(T("estate.what.a-site"), "name")) ?? id!, role) { Router = router });
            }
        }

        return sites;
    }
}
