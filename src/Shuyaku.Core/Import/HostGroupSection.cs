using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'hostGroups' section, the groups that fence and ban rules name.</summary>
internal sealed class HostGroupSection(YamlNodes n)
{
    public List<HostGroup> Read(YamlNode? node)
    {
        var list = new List<HostGroup>();
        var ids = new UniqueIds(n, "host group");
        foreach (var item in n.Sequence(node, "hostGroups"))
        {
            var f = n.Mapping(item, "a host group", "id", "name");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), "a host group's id");
            if (ids.Add(id, f.Node))
            {
                list.Add(new HostGroup(id!, n.Text(f["name"], "a host group's name") ?? id!));
            }
        }

        return list;
    }
}
