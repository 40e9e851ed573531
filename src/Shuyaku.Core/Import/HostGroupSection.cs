using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'hostGroups' section, the groups that fence and ban rules name.</summary>
internal sealed class HostGroupSection(YamlNodes n)
{
    public List<HostGroup> Read(YamlNode? node)
    {
        var list = new List<HostGroup>();
        var ids = new UniqueIds(n, T("estate.kind.host-group"));
        foreach (var item in n.Sequence(node, "hostGroups"))
        {
            var f = n.Mapping(item, T("estate.what.a-host-group"), "id", "name");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-host-group"), "id"));
            if (ids.Add(id, f.Node))
            {
                list.Add(new HostGroup(id!, n.Text(f["name"], Of(T("estate.what.a-host-group"), "name")) ?? id!));
            }
        }

        return list;
    }
}
