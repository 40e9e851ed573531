using Shuyaku.Core.Reporting;
using Shuyaku.Core.Simulation.Replay;

namespace Shuyaku.Core.Tests.Reporting;

public sealed class ReplayChartsTests
{
    private const string Overload = "fill=\"#3f007d\"";
    private const string NothingRunning = "fill=\"#e0e0e0\"";

    /// <summary>A result with the given loads (rows of steps; NaN = nothing running) and power.</summary>
    private static ReplayResult Result(params float[][] loads)
    {
        var length = loads[0].Length;
        return new ReplayResult
        {
            Hosts = loads.Select((_, h) => new HostReplay($"h{h + 1}", "m", 1, 2, length, 0, 0.5, 1, 1, 0, 1, 0.1, 0)).ToList(),
            Start = 0,
            AbsoluteTime = false,
            StepSeconds = 300,
            Length = length,
            ActiveHosts = Enumerable.Repeat(loads.Length, length).ToArray(),
            PowerW = Enumerable.Repeat(150.0, length).ToArray(),
            HostLoad = loads.SelectMany(l => l).ToArray(),
            SeriesWorkloads = loads.Length,
            ConstantWorkloads = 0,
            MissingWorkloadSteps = 0,
        };
    }

    [Fact]
    public void The_heat_map_marks_steps_at_capacity_and_steps_where_nothing_runs()
    {
        var busy = ReplayCharts.HeatMap(Result([0.5f, 1.0f, 0.2f], [0.1f, 0.1f, float.NaN]));
        var calm = ReplayCharts.HeatMap(Result([0.5f, 0.9f, 0.2f], [0.1f, 0.1f, 0.1f]));

        busy.ShouldContain(Overload);
        busy.ShouldContain(NothingRunning);
        // The legend shows both colours once; the cells add to that only when they occur.
        calm.Split(Overload).Length.ShouldBe(2);
        calm.Split(NothingRunning).Length.ShouldBe(2);
        busy.Split(Overload).Length.ShouldBe(3);
    }

    [Fact]
    public void Beyond_240_hosts_consecutive_hosts_share_a_heat_map_row()
    {
        var many = Enumerable.Range(0, 500).Select(_ => new[] { 0.3f, 0.4f }).ToArray();

        var svg = ReplayCharts.HeatMap(Result(many));

        svg.ShouldContain("CPU load, 3 hosts per row (highest of them)");
        svg.ShouldNotContain(">h1<"); // rows too thin for labels
    }

    [Fact]
    public void The_same_result_gives_the_same_bytes()
    {
        var r = Result([0.5f, 1.2f, 0.2f], [0.1f, 0.1f, float.NaN]);

        (ReplayCharts.HeatMap(r) + ReplayCharts.Lines(r) + ReplayCharts.Energy(r) + ReplayCharts.HostsCsv(r))
            .ShouldBe(ReplayCharts.HeatMap(r) + ReplayCharts.Lines(r) + ReplayCharts.Energy(r) + ReplayCharts.HostsCsv(r));
        ReplayCharts.HostsCsv(r).Split('\n')[1].ShouldBe("h1,m,1,2,3,0,0,50,100,1,0,1,10,0");
    }
}
