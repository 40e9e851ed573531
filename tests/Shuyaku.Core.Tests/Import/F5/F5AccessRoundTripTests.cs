using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import.F5;

/// <summary>What 'import f5' writes is read by the estate's access reader once the balancer pair is added, as its header says.</summary>
public sealed class F5AccessRoundTripTests
{
    [Fact]
    public void The_campus_configuration_translated_reads_back_as_the_estate_access_section()
    {
        var fixture = Path.Combine(RepositoryPaths.Root, "tests", "Shuyaku.Core.Tests", "Import", "F5", "Fixtures", "campus-bigip.conf");
        var import = F5Importer.ImportFile(fixture);
        import.Errors.ShouldBeEmpty();
        var yaml = import.Value!.Yaml!;
        var withPair = yaml.Replace("access:\n", """
            access:
              balancers:
                - { id: slb-1, site: dc, address: 10.0.0.11, priority: 150 }
                - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }
              vrrp: { routerId: 51 }

            """, StringComparison.Ordinal);
        var estate = "name: f5\nsites:\n  - { id: dc, name: Data centre, role: datacenter }\nworkloads:\n" +
                     "  - { id: w1, site: dc, demand: { cpu: 1GHz, memory: 1GiB } }\n" +
                     TestEstates.SimpleCatalog + "\n" + TestEstates.Policy() + withPair;

        var read = EstateFit.ReadAndCheck(estate, "f5.yaml");

        read.Errors.ShouldBeEmpty(string.Join("\n", read.Errors));
        var access = read.Value!.Access!;
        access.Services.Count.ShouldBe(import.Value.Services);
        access.Services.Select(s => s.Id).ShouldContain("vs-web");
    }
}
