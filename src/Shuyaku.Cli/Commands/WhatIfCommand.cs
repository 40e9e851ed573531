using System.CommandLine;
using System.Globalization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.WhatIf;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku what-if ESTATE PLAN [--fail ...] [--growth ...] [--add ...] [--new ...] [--headroom ...] [--host-model ...] [--json FILE]</c>.</summary>
internal static class WhatIfCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file the plan was made for." };
        var plan = new Argument<string>("PLAN") { Description = "The plan.json of 'shuyaku plan'." };
        var fail = new Option<string[]>("--fail")
        {
            Description = "Hosts of the plan that fail together, separated by commas (the option may repeat). Their workloads restart as the checker's N+k walk restarts them; every rule and capacity that breaks is listed.",
            AllowMultipleArgumentsPerToken = false,
        };
        var growth = new Option<string?>("--growth")
        {
            Description = "Grow every workload's demand: PCT on every resource, or per resource as cpu=PCT,mem=PCT,net=PCT,disk=PCT (disk grows disk space and IOPS). Above -100, at most 1000. Applied on top of the policy's yearly growth.",
        };
        var add = new Option<string[]>("--add")
        {
            Description = "Add COUNT copies of an existing workload, as WORKLOAD=COUNT (repeatable). A copy is its workload with id WORKLOAD-copyN, no service address of its own, and bound by every rule that names its workload.",
        };
        var added = new Option<string[]>("--new")
        {
            Description = "Add a new workload given by its demand, as ID,cpu=GHZ,mem=MIB[,net=MBPS][,disk=MIB][,count=N][,zone=ZONE] (repeatable); cpu in GHz of the reference CPU (performance factor 1). With count above 1 the ids are ID-1, ID-2, ….",
        };
        var headroom = new Option<string?>("--headroom")
        {
            Description = "Plan with this headroom instead of the policy's: PCT for cpu, memory and network, or cpu=PCT,mem=PCT,net=PCT. Above 0, at most 100.",
        };
        var hostModel = new Option<string?>("--host-model")
        {
            Description = "Plan with this catalog model instead of the plan's choice.",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the answer as JSON to FILE (docs/what-if.md).",
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds the new plan's search may spend at most per host model, as for 'shuyaku plan'.",
            DefaultValueFactory = _ => 10,
        };
        timeLimit.MustBe(v => v is >= 0 and <= 86_400, "--time-limit must be a number of seconds from 0 to 86400.");
        var moves = new Option<int?>("--moves")
        {
            Description = $"Moves the new plan's local search may make per host model (default {PlanCommand.DefaultMoves:N0}), as for 'shuyaku plan'.",
        };
        moves.MustBe(v => v is >= 0 and <= 1_000_000_000, "--moves must be a whole number from 0 to 1000000000.");

        var command = new Command(
            "what-if",
            "Ask what happens to a plan: when named hosts fail together (the checker's restart of exactly that set: what " +
            "restarts where, each surviving host's load per resource, every rule and capacity that breaks), and with more " +
            "workloads, grown demand, another headroom or another host model (a new plan made as 'shuyaku plan' makes it " +
            "with the plan's own options, checked, its hosts and lower bound against the plan's). Exit 0 nothing breaks, " +
            "1 something breaks (a failure not survived, no plan, or a new plan with violations), 2 bad input, 3 --json " +
            "could not be written. See docs/what-if.md.")
        {
            estate, plan, fail, growth, add, added, headroom, hostModel, json, timeLimit, moves,
        };
        command.SetAction(parse =>
        {
            var errors = new List<string>();
            var changes = WhatIfText.Changes(parse.GetValue(fail) ?? [], parse.GetValue(growth), parse.GetValue(add) ?? [], parse.GetValue(added) ?? [], parse.GetValue(headroom), parse.GetValue(hostModel), errors);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    context.Error.WriteLine($"error: {e}");
                }

                context.Error.WriteLine("Nothing was asked.");
                return ExitCodes.BadInput;
            }

            return Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, changes, parse.GetValue(json),
                PlanCommand.Search(parse.GetValue(timeLimit), parse.GetValue(moves) ?? PlanCommand.DefaultMoves));
        });
        return command;
    }

    private static int Run(CliContext context, string estatePath, string planPath, WhatIfChanges changes, string? jsonPath, Core.Placement.SolveOptions search)
    {
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, "nothing was asked", out var estate, out var plan, out _) is { } bad)
        {
            return bad;
        }

        var result = WhatIfPlanner.Run(estate, plan, changes, search);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors)
            {
                context.Error.WriteLine($"error: {e}");
            }

            context.Error.WriteLine("Nothing was asked.");
            return ExitCodes.BadInput;
        }

        if (jsonPath is not null)
        {
            try
            {
                File.WriteAllText(context.Resolve(jsonPath), WhatIfJson.Write(plan, result));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: cannot write {jsonPath}: {e.Message}");
                return ExitCodes.OutputFailed;
            }
        }

        Print(context.Out, plan, result);
        return result.Holds ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static void Print(IAnsiConsole console, Plan plan, WhatIfResult result)
    {
        // Plain lines, never wrapped: the answer is read by people and by scripts alike.
        var writer = console.Profile.Out.Writer;
        void Line(string text) => writer.WriteLine(text);
        Line($"Plan: {Hosts(plan.Summary.Hosts)} of {plan.HostModel}, lower bound {plan.LowerBound.Value}, made for N+{plan.Inputs.Failures}; the checker finds it {(result.Original!.Valid ? "valid" : $"invalid ({result.Original.Violations.Count} violations)")}.");
        if (result.Failure is { } f)
        {
            writer.WriteLine();
            Line($"When {string.Join(", ", f.Failed)} fail{(f.Failed.Count == 1 ? "s" : "")}{(f.Failed.Count > plan.Inputs.Failures ? $" (more than the {plan.Inputs.Failures} the plan was made to survive)" : "")}:");
            Line($"  {f.Restarts.Count} workload{(f.Restarts.Count == 1 ? "" : "s")} restart {(f.FromCertificate ? "as the plan's failover plan says" : "where the checker finds room")}; {f.NotRestarted.Count} restart nowhere{(f.NotRestarted.Count == 0 ? "" : ": " + string.Join(", ", f.NotRestarted))}.");
            foreach (var host in f.Loads.GroupBy(l => l.Host))
            {
                var moved = f.Restarts.Where(r => r.Host == host.Key).Select(r => r.Workload).ToList();
                Line($"  {host.Key} takes {string.Join(", ", moved)}: " + string.Join("; ", host.Where(l => l.Resource != Resource.Vcpu).Select(l =>
                    $"{ResourceVector.Names[(int)l.Resource]} {ResourceVector.Format(l.Resource, l.Before)} → {ResourceVector.Format(l.Resource, l.After)} of {ResourceVector.Format(l.Resource, l.Limit)}{(l.Over ? " OVER" : "")}")));
            }

            Line(f.Holds ? "  Nothing breaks." : $"  {f.Violations.Count} broken:");
            foreach (var v in f.Violations)
            {
                Line($"    {v.Kind}: {v.Message}");
            }
        }

        if (result.Replan is { } r)
        {
            writer.WriteLine();
            Line($"With {string.Join("; ", r.Changes)} ({r.Workloads} workloads):");
            if (r.Plan is not { } p)
            {
                Line($"  No plan: {r.Infeasible}");
                return;
            }

            Line($"  {Hosts(p.Summary.Hosts)} of {p.HostModel} (was {r.OldHosts} of {r.OldModel}: {Signed(r.HostDelta!.Value)}), lower bound {p.LowerBound.Value} (was {r.OldLowerBound}: {Signed(r.BoundDelta!.Value)}).");
            var check = r.Check!;
            Line(check.Valid
                ? $"  The checker finds the new plan valid: capacity, rules and {check.ScenariosChecked} failure scenario{(check.ScenariosChecked == 1 ? "" : "s")} (N+{check.Failures})."
                : $"  The checker finds {check.Violations.Count} violation{(check.Violations.Count == 1 ? "" : "s")} in the new plan:");
            foreach (var v in check.Violations)
            {
                Line($"    {v.Kind}: {v.Message}");
            }
        }
    }

    private static string Hosts(int n) => n == 1 ? "1 host" : $"{n} hosts";

    private static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta.ToString(CultureInfo.InvariantCulture);
}
