using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>
/// The hint of an N+k decision model on fewer hosts than the plan it starts from: the plan's emptiest host is left out and
/// its units are not hinted at all (a hint of "on no host" would break "each unit on exactly one host"), while every other
/// unit is hinted on exactly one host.
/// </summary>
public sealed class AssignmentHintTests
{
    [Fact]
    public void A_plan_with_one_loaded_host_more_than_the_model_leaves_the_emptiest_hosts_units_unhinted()
    {
        // Nine units of size 3 on hosts of capacity 10, planned on four hosts: 3 + 3 + 2 + 1 units; the model has three.
        var problem = ProblemFactory.Small(9, size: 3);
        var units = problem.GatherUnits();
        var plan = new PlacementSolution(4, [-1, -1, -1, -1], [0, 0, 0, 1, 1, 1, 2, 2, 3], "test");
        var model = AssignmentModel.BuildDecision(problem, units, 3, []);

        model.Hint(plan, _ => null);

        var hinted = model.Model.Model.SolutionHint.Vars.Zip(model.Model.Model.SolutionHint.Values)
            .ToDictionary(p => p.First, p => p.Second);
        for (var unit = 0; unit < units.Count; unit++)
        {
            var places = Enumerable.Range(0, 3).Select(h => model.Placement(unit, h)).OfType<Google.OrTools.Sat.BoolVar>().ToList();
            places.ShouldNotBeEmpty();
            var values = places.Where(v => hinted.ContainsKey(v.GetIndex())).Select(v => hinted[v.GetIndex()]).ToList();
            if (unit == 8)
            {
                values.ShouldBeEmpty($"unit {unit} is on the emptiest host, left out of the model");
            }
            else
            {
                values.Count.ShouldBe(places.Count, $"unit {unit} is hinted on every host it may run on");
                values.Count(v => v == 1).ShouldBe(1, $"unit {unit} is hinted on exactly one host");
            }
        }
    }
}
