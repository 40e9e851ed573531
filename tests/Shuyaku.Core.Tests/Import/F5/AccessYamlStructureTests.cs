using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Tests.Import.F5;

/// <summary>
/// The produced YAML read back with YamlDotNet's representation model and checked against the access section's
/// contract (keys, id alphabet, enumerations, ranges, duration units), independently of the section's own reader.
/// </summary>
public sealed partial class AccessYamlStructureTests
{
    private static readonly string[] ServiceKeys = ["id", "address", "address6", "ports", "protocol", "method", "persistence", "members", "check", "maxConnections", "abuse"];
    private static readonly string[] MemberKeys = ["workload", "address", "weight", "port", "backup"];
    private static readonly string[] Protocols = ["http", "https", "smtp", "pop3", "imap", "tcp", "dns", "ntp", "radius", "udp"];

    private static readonly Dictionary<string, string[]> CheckKeys = new()
    {
        ["http"] = ["kind", "path", "status", "interval", "timeout", "rise", "fall"],
        ["dns"] = ["kind", "name", "type", "interval", "timeout", "rise", "fall"],
        ["smtp"] = ["kind", "interval", "timeout", "rise", "fall"],
        ["pop3"] = ["kind", "interval", "timeout", "rise", "fall"],
        ["imap"] = ["kind", "interval", "timeout", "rise", "fall"],
        ["tcp"] = ["kind", "interval", "timeout", "rise", "fall"],
        ["none"] = ["kind"],
    };

    private static IEnumerable<string> Keys(YamlMappingNode map) => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    private static string Text(YamlMappingNode map, string key) => ((YamlScalarNode)map.Children[new YamlScalarNode(key)]).Value!;

    private static int Number(YamlMappingNode map, string key) => int.Parse(Text(map, key), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The campus output without an estate (explicit addresses) and with one (workloads).</summary>
    public static TheoryData<string> Outputs() => new()
    {
        F5CampusFixtureTests.ExpectedYaml,
        Shuyaku.Core.Import.F5.F5Importer.ImportFile(F5CampusFixtureTests.FixturePath,
            Shuyaku.Core.Sizing.EstateFit.ReadAndCheck(F5CampusFixtureTests.CampusEstate, "campus.yaml").Value).Value!.Yaml!,
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void The_output_is_an_access_section_with_services_as_the_contract_writes_them(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;

        Keys(root).ShouldBe(["access"]);
        var access = (YamlMappingNode)root.Children[new YamlScalarNode("access")];
        Keys(access).ShouldBe(["services"]);
        var ids = new HashSet<string>();
        foreach (var service in ((YamlSequenceNode)access.Children[new YamlScalarNode("services")]).Cast<YamlMappingNode>())
        {
            Keys(service).ShouldAllBe(k => ServiceKeys.Contains(k));
            var id = Text(service, "id");
            Id().IsMatch(id).ShouldBeTrue(id);
            ids.Add(id).ShouldBeTrue($"id {id} twice");
            (Keys(service).Contains("address") || Keys(service).Contains("address6")).ShouldBeTrue();
            foreach (var key in Keys(service).Where(k => k.StartsWith("address", StringComparison.Ordinal)))
            {
                System.Net.IPAddress.TryParse(Text(service, key), out var address).ShouldBeTrue();
                address!.AddressFamily.ShouldBe(key == "address" ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6);
            }

            var ports = (YamlSequenceNode)service.Children[new YamlScalarNode("ports")];
            ports.Children.Count.ShouldBeGreaterThan(0);
            foreach (var port in ports.Cast<YamlScalarNode>())
            {
                int.Parse(port.Value!, CultureInfo.InvariantCulture).ShouldBeInRange(1, 65535);
            }

            Protocols.ShouldContain(Text(service, "protocol"));
            new[] { "roundrobin", "leastconn", "source" }.ShouldContain(Text(service, "method"));
            if (Keys(service).Contains("persistence"))
            {
                var persistence = (YamlMappingNode)service.Children[new YamlScalarNode("persistence")];
                Keys(persistence).ShouldAllBe(k => k == "kind" || k == "timeout");
                (Text(persistence, "kind") == "source" || Text(persistence, "kind") == "cookie" && Text(service, "protocol") == "http").ShouldBeTrue();
                if (Keys(persistence).Contains("timeout"))
                {
                    Duration().IsMatch(Text(persistence, "timeout")).ShouldBeTrue();
                }
            }

            var members = ((YamlSequenceNode)service.Children[new YamlScalarNode("members")]).Cast<YamlMappingNode>().ToList();
            members.ShouldContain(m => !Keys(m).Contains("backup"));
            foreach (var m in members)
            {
                Keys(m).ShouldAllBe(k => MemberKeys.Contains(k));
                (Keys(m).Contains("workload") ^ Keys(m).Contains("address")).ShouldBeTrue();
                Number(m, "weight").ShouldBeInRange(1, 256);
                Number(m, "port").ShouldBeInRange(1, 65535);
                if (Keys(m).Contains("backup"))
                {
                    Text(m, "backup").ShouldBe("true");
                }
            }

            if (Keys(service).Contains("check"))
            {
                var check = (YamlMappingNode)service.Children[new YamlScalarNode("check")];
                var kind = Text(check, "kind");
                CheckKeys.ShouldContainKey(kind);
                Keys(check).ShouldAllBe(k => CheckKeys[kind].Contains(k));
                foreach (var key in new[] { "interval", "timeout" }.Where(k => Keys(check).Contains(k)))
                {
                    Duration().IsMatch(Text(check, key)).ShouldBeTrue();
                }
            }

            if (Keys(service).Contains("maxConnections"))
            {
                Number(service, "maxConnections").ShouldBeGreaterThan(0);
            }
        }

        ids.Count.ShouldBe(8);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex Id();

    [GeneratedRegex("^[0-9]+(ms|s|min|h)$")]
    private static partial Regex Duration();
}
