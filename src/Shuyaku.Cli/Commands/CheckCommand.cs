using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

internal static class CheckCommand
{
    /// <summary>Hosts or workloads named per violation; a host holding 90 VMs would otherwise fill a screen per row.</summary>
    private const int NamesListed = 12;

    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file the plan was made for." };
        var plan = new Argument<string>("PLAN") { Description = "The plan.json to verify." };
        var traceOptions = new TraceOptions { Outcome = "nothing was checked" };
        var json = new Option<bool>("--json")
        {
            Description = "Print the verdict and every violation (kind, message, hosts, workloads, failed hosts of its scenario) as JSON for scripts.",
        };
        var failures = new Option<int?>("--failures", "-k")
        {
            Description = "Host failures the plan must survive (N+k), overriding the estate's policy; a plan made for fewer is a violation.",
        };
        failures.MustBe(k => k is >= 0 and <= Policy.MaxFailures, $"--failures must be between 0 and {Policy.MaxFailures}.");
        var command = new Command(
            "check",
            "Re-verify a plan from scratch against its estate: capacity per host and resource, every rule, dedicated hosts, " +
            "N+k over every set of k failed hosts (k from the estate's policy or --failures), and the lower bound's arguments. " +
            "Exit 0 valid, 1 violations, 2 bad input.")
        {
            estate, plan, json, failures,
        };
        traceOptions.AddTo(command);
        command.SetAction(parse => Run(context, parse, traceOptions, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(json), parse.GetValue(failures)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, TraceOptions traceOptions, string estatePath, string planPath, bool json, int? failures)
    {
        var estate = EstateFit.ReadAndCheckFile(context.Resolve(estatePath));
        if (!estate.Succeeded)
        {
            return Diagnostics.Report(context, estate.Errors, estatePath, "nothing was checked");
        }

        var plan = PlanJson.ReadFile(context.Resolve(planPath));
        if (!plan.Succeeded)
        {
            return Diagnostics.Report(context, plan.Errors, planPath, "nothing was checked");
        }

        var (traces, _, exit) = traceOptions.Load(context, parse, estate.Value!);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var report = Checker.Check(estate.Value!, plan.Value!, traces, failures);
        if (report.InputError is not null)
        {
            context.Error.WriteLine($"{planPath}: error: {report.InputError}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            context.Out.Profile.Out.Writer.Write(Json(plan.Value!, report, traces is not null && plan.Value!.Inputs.Sizing?.Traces is { } r && r != traces.Digest));
            return report.Valid ? ExitCodes.Ok : ExitCodes.Infeasible;
        }

        var console = context.Out;
        if (traces is not null && plan.Value!.Inputs.Sizing?.Traces is { } recorded && recorded != traces.Digest)
        {
            console.MarkupLine("[yellow]Note:[/] these traces (or their binding) are not the ones the plan was sized on; checking against them as given.");
        }

        if (!report.DigestMatches)
        {
            console.MarkupLine("[yellow]Note:[/] the estate file has changed since this plan was made (its digest differs); checking against the file as it is now.");
        }

        var bound = report.Bound ?? BoundVerification.None;
        console.MarkupLine(Markup.Escape($"Lower bound {plan.Value!.LowerBound.Value}: {bound.Verified.Count} argument{(bound.Verified.Count == 1 ? "" : "s")} recomputed from the estate" +
            (bound.Unverified.Count == 0 ? "" : $"; taken on trust: {string.Join("; ", bound.Unverified)}")));
        if (report.Valid)
        {
            console.MarkupLine($"[green]Valid:[/] {plan.Value!.Assignments.Count} workloads on {plan.Value.Hosts.Count} hosts; capacity, rules and {report.ScenariosChecked} failure scenario{(report.ScenariosChecked == 1 ? "" : "s")} (N+{report.Failures}) verified.");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii).AddColumns("kind", "violation", "hosts", "workloads");
        foreach (var v in report.Violations)
        {
            table.AddRow(Markup.Escape(v.Kind), Markup.Escape(v.Message), Markup.Escape(Names(v.Hosts)), Markup.Escape(Names(v.Workloads)));
        }

        console.Write(table);
        static string Names(IReadOnlyList<string> names) =>
            names.Count <= NamesListed ? string.Join(", ", names) : string.Join(", ", names.Take(NamesListed)) + $", … (+{names.Count - NamesListed} more)";
        console.MarkupLine($"[red]{report.Violations.Count} violation{(report.Violations.Count == 1 ? "" : "s")}.[/]");
        return ExitCodes.Infeasible;
    }

    /// <summary>The verdict for scripts: the same facts as the table, every name listed.</summary>
    private static string Json(Plan plan, CheckReport report, bool otherTraces)
    {
        var verdict = new
        {
            valid = report.Valid,
            estate = plan.Estate,
            failures = report.Failures,
            planFailures = plan.Inputs.Failures,
            scenariosChecked = report.ScenariosChecked,
            bound = new
            {
                value = plan.LowerBound.Value,
                verified = (report.Bound ?? BoundVerification.None).Verified,
                unverified = (report.Bound ?? BoundVerification.None).Unverified,
            },
            digestMatches = report.DigestMatches,
            otherTraces,
            violations = report.Violations.Select(v => new
            {
                kind = v.Kind,
                message = v.Message,
                hosts = v.Hosts,
                workloads = v.Workloads,
                failed = v.Failed ?? [],
            }),
        };
        return JsonSerializer.Serialize(verdict, JsonOptions) + "\n";
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
