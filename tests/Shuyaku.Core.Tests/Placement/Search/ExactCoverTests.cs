using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class ExactCoverTests
{
    /// <summary>Every pair of 21 units: no exact cover exists (an odd count), and proving it takes far more than 100,000 nodes.</summary>
    private static List<int[]> PairsOfAnOddCount()
    {
        var sets = new List<int[]>();
        for (var a = 0; a < 21; a++)
        {
            for (var b = a + 1; b < 21; b++)
            {
                sets.Add([a, b]);
            }
        }

        return sets;
    }

    [Fact]
    public void Without_a_cover_it_spends_its_node_limit()
    {
        var cover = new ExactCover(21, PairsOfAnOddCount(), new SearchBudget(TimeSpan.FromDays(1), 0, 1, TimeProvider.System), 100_000);

        cover.Solve().ShouldBeNull();
        cover.Nodes.ShouldBeGreaterThan(100_000);
        cover.Nodes.ShouldBeLessThan(100_000 + 25);
    }

    [Fact]
    public void Once_the_clock_runs_out_the_whole_search_stops()
    {
        // A clock that passes the cap at its first reading after the start: the check at node 256 ends the search.
        var budget = new SearchBudget(TimeSpan.FromSeconds(1), 0, 1, new SteppingClock(TimeSpan.FromSeconds(2)));
        var cover = new ExactCover(21, PairsOfAnOddCount(), budget, 100_000);

        cover.Solve().ShouldBeNull();
        cover.Nodes.ShouldBe(256);
        budget.ClockStopped.ShouldBeTrue();
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now += step.Ticks;
    }
}
