using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Tests.Support;

/// <summary>A small estate with two campuses and a data centre, its plan, and a move plan built by hand, for report tests.</summary>
internal static class ReportSamples
{
    /// <summary>What a test puts into an estate string to see that the report escapes it.</summary>
    public const string Hostile = "<script>alert('x')</script>";

    public static string Yaml(int servers = 4) =>
        "name: \"Campus & co " + Hostile.Replace("'", "", StringComparison.Ordinal) + "\"\n" +
        """
        sites:
          - { id: east, name: East campus, role: campus }
          - { id: west, name: West campus, role: campus }
          - { id: dc, name: Data centre, role: datacenter }
        servers:

        """ +
        string.Concat(Enumerable.Range(1, servers).Select(i =>
            $"  - {{ id: srv{i}, site: {(i % 2 == 0 ? "west" : "east")}, ip: 10.{(i % 2 == 0 ? 2 : 1)}.0.{10 + i}, subnet: 10.{(i % 2 == 0 ? 2 : 1)}.0.0/24, hardware: {{ sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB, disk: 100GiB }} }}\n")) +
        "workloads:\n" +
        string.Concat(Enumerable.Range(1, servers).Select(i =>
            $"  - {{ id: w{i}, service: \"{(i == 1 ? Hostile : "web")}\", server: srv{i}, demand: {{ cpu: 2GHz, memory: 4GiB, disk: 20GiB }} }}\n")) +
        "links:\n  - { id: east-dc, from: east, to: dc, bandwidth: 100Mbps }\n  - { id: west-dc, from: west, to: dc, bandwidth: 100Mbps }\n" +
        TestEstates.SimpleCatalog + "\n" + TestEstates.Policy(failures: 1);

    public static (Estate Estate, Plan Plan) Planned(int servers = 4)
    {
        var estate = TestEstates.Read(Yaml(servers));
        return (estate, TestEstates.PlanChecked(estate));
    }

    /// <summary>A move plan with every section filled: a split subnet, an overloaded link, two waves, models compared.</summary>
    public static MovePlan Move(Estate estate) => new()
    {
        Estate = estate.Name,
        EstateDigest = estate.Digest,
        DataCenter = "dc",
        Network = new NetworkPlan(
            [
                new SubnetMove("10.1.0.0/24", "east", SubnetFate.Moved, ["srv1", "srv3"], [], [], null),
                new SubnetMove("10.2.0.0/24", "west", SubnetFate.Split, ["srv2"], ["srv4"],
                [
                    new SplitOption("split-prefix", 0, [], ["10.2.0.12/32"], "route the moving server's block to the data centre"),
                    new SplitOption("move-rest", 0, [], ["10.2.0.0/24"], "move srv4 too"),
                    new SplitOption("renumber", 1, ["srv2"], [], "give srv2 a data-centre address"),
                ], "split-prefix"),
            ],
            [new RouteChange("10.1.0.0/24", "east", "dc", "10.0.0.1", 1), new RouteChange("10.2.0.12/32", "west", "dc", "10.0.0.1", 2)],
            [new AddressKeep("w1", "10.1.0.11", true, "its subnet moves whole"), new AddressKeep("w2", "10.2.0.12", false, "shares 10.2.0.12 with " + Hostile)],
            0),
        Wan =
        [
            new LinkLoad("east-dc", "east", "dc", 100, 0.7, 0, 42.5),
            new LinkLoad("west-dc", "west", "dc", 10, 0.7, 0, 9.5),
        ],
        Waves =
        [
            new Wave(1, ["srv1", "srv3"], ["w1", "w3"], 40 * 1024, 1.25, ["10.1.0.0/24"]),
            new Wave(2, ["srv2"], ["w2"], 20 * 1024, 9.5, ["10.2.0.12/32"]),
        ],
        Cost = new CostComparison(5, "JPY",
            new CostSide([new("server", 4), new("switch", 2)], 1.2, 18_000, 10, new CostBreakdown(1_600_000, 800_000, 1_900_000, 0, 400_000)),
            new CostSide([new("host", 2), new("switch", 2)], 0.8, 12_000, 6, new CostBreakdown(900_000, 450_000, 1_250_000, 500_000, 150_000)),
            [
                new ModelCost("box", 2, new CostBreakdown(900_000, 450_000, 1_250_000, 500_000, 150_000), true),
                new ModelCost("big<box>", 3, new CostBreakdown(1_500_000, 600_000, 1_500_000, 750_000, 200_000), false),
            ],
            ["energy price"]),
        Violations = [new MoveViolation("link-overload", "link west-dc would carry 9.5 Mbps at peak, over its limit of 7 Mbps (10 Mbps × 70%)")],
    };
}
