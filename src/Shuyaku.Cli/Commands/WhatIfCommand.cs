using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
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
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.arg.estate-of-plan") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.arg.plan-of-plan") };
        var fail = new Option<string[]>("--fail")
        {
            Description = Texts.Get("cli.what-if.fail"),
            AllowMultipleArgumentsPerToken = false,
        };
        var growth = new Option<string?>("--growth")
        {
            Description = Texts.Get("cli.what-if.growth"),
        };
        var add = new Option<string[]>("--add")
        {
            Description = Texts.Get("cli.what-if.add"),
        };
        var added = new Option<string[]>("--new")
        {
            Description = Texts.Get("cli.what-if.new"),
        };
        var headroom = new Option<string?>("--headroom")
        {
            Description = Texts.Get("cli.what-if.headroom"),
        };
        var hostModel = new Option<string?>("--host-model")
        {
            Description = Texts.Get("cli.what-if.host-model"),
        };
        var json = new Option<string?>("--json")
        {
            Description = Texts.Get("cli.what-if.json"),
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = Texts.Get("cli.what-if.time-limit"),
            DefaultValueFactory = _ => 10,
        };
        timeLimit.MustBe(v => v is >= 0 and <= 86_400, Texts.Get("cli.error.time-limit-range"));
        var moves = new Option<int?>("--moves")
        {
            Description = Texts.Format("cli.what-if.moves", PlanCommand.DefaultMoves.ToString("N0", CultureInfo.InvariantCulture)),
        };
        moves.MustBe(v => v is >= 0 and <= 1_000_000_000, Texts.Get("cli.error.moves-range"));

        var command = new Command("what-if", Texts.Get("cli.what-if.description"))
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
                    context.Error.WriteLine(Texts.Format("cli.error", e));
                }

                context.Error.WriteLine(Texts.Get("cli.what-if.nothing-asked"));
                return ExitCodes.BadInput;
            }

            return Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, changes, parse.GetValue(json),
                PlanCommand.Search(parse.GetValue(timeLimit), parse.GetValue(moves) ?? PlanCommand.DefaultMoves));
        });
        return command;
    }

    private static int Run(CliContext context, string estatePath, string planPath, WhatIfChanges changes, string? jsonPath, Core.Placement.SolveOptions search)
    {
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, Texts.Get("cli.outcome.asked"), out var estate, out var plan, out _) is { } bad)
        {
            return bad;
        }

        var result = WhatIfPlanner.Run(estate, plan, changes, search);
        if (result.Errors.Count > 0)
        {
            foreach (var e in result.Errors)
            {
                context.Error.WriteLine(Texts.Format("cli.error", e));
            }

            context.Error.WriteLine(Texts.Get("cli.what-if.nothing-asked"));
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
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-file", jsonPath, IoReasons.Of(e))));
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
        var verdict = result.Original!.Valid ? Texts.Get("cli.what-if.valid") : Texts.Format("cli.what-if.invalid", result.Original.Violations.Count);
        Line(Texts.Format("cli.what-if.plan", Hosts(plan.Summary.Hosts), plan.HostModel, plan.LowerBound.Value, plan.Inputs.Failures, verdict));
        if (result.Failure is { } f)
        {
            writer.WriteLine();
            var beyond = f.Failed.Count > plan.Inputs.Failures ? Texts.Format("cli.what-if.beyond", plan.Inputs.Failures) : "";
            Line(Texts.Count("cli.what-if.when", f.Failed.Count, string.Join(", ", f.Failed), beyond));
            var nowhere = f.NotRestarted.Count == 0 ? "" : ": " + string.Join(", ", f.NotRestarted);
            Line(f.FromCertificate
                ? Texts.Count("cli.what-if.restart.certificate", f.Restarts.Count, f.NotRestarted.Count, nowhere)
                : Texts.Count("cli.what-if.restart.room", f.Restarts.Count, f.NotRestarted.Count, nowhere));
            foreach (var host in f.Loads.GroupBy(l => l.Host))
            {
                var moved = f.Restarts.Where(r => r.Host == host.Key).Select(r => r.Workload).ToList();
                Line(Texts.Format("cli.what-if.takes", host.Key, string.Join(", ", moved), string.Join("; ", host.Where(l => l.Resource != Resource.Vcpu).Select(l =>
                    Texts.Format(l.Over ? "cli.what-if.load.over" : "cli.what-if.load", ResourceVector.Names[(int)l.Resource], ResourceVector.Format(l.Resource, l.Before),
                        ResourceVector.Format(l.Resource, l.After), ResourceVector.Format(l.Resource, l.Limit))))));
            }

            Line(f.Holds ? Texts.Get("cli.what-if.nothing-breaks") : Texts.Format("cli.what-if.broken", f.Violations.Count));
            foreach (var v in f.Violations)
            {
                Line($"    {v.Kind}: {v.Describe()}");
            }
        }

        if (result.Replan is { } r)
        {
            writer.WriteLine();
            Line(Texts.Format("cli.what-if.with", string.Join("; ", r.DescribeChanges()), r.Workloads));
            if (r.Plan is not { } p)
            {
                Line(Texts.Format("cli.what-if.no-plan", r.DescribeInfeasible()));
                return;
            }

            Line(Texts.Format("cli.what-if.replan", Hosts(p.Summary.Hosts), p.HostModel, r.OldHosts, r.OldModel, Signed(r.HostDelta!.Value), p.LowerBound.Value, r.OldLowerBound, Signed(r.BoundDelta!.Value)));
            var check = r.Check!;
            Line(check.Valid
                ? Texts.Count("cli.what-if.replan.valid", check.ScenariosChecked, check.Failures)
                : Texts.Count("cli.what-if.replan.violations", check.Violations.Count));
            foreach (var v in check.Violations)
            {
                Line($"    {v.Kind}: {v.Describe()}");
            }
        }
    }

    private static string Hosts(int n) => Texts.Count("cli.count.host", n);

    private static string Signed(int delta) => delta > 0 ? $"+{delta}" : delta.ToString(CultureInfo.InvariantCulture);
}
