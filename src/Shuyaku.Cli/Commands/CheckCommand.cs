using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Shuyaku.Cli.Localization;
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
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.arg.estate-of-plan") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.check.plan") };
        var traceOptions = new TraceOptions { Outcome = Texts.Get("cli.outcome.checked") };
        var json = new Option<bool>("--json")
        {
            Description = Texts.Get("cli.check.json"),
        };
        var failures = new Option<int?>("--failures", "-k")
        {
            Description = Texts.Get("cli.check.failures"),
        };
        failures.MustBe(k => k is >= 0 and <= Policy.MaxFailures, Texts.Format("cli.error.failures-range", Policy.MaxFailures));
        var command = new Command("check", Texts.Get("cli.check.description"))
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
            return Diagnostics.Report(context, estate.Errors, estatePath, Texts.Get("cli.outcome.checked"));
        }

        var plan = PlanJson.ReadFile(context.Resolve(planPath));
        if (!plan.Succeeded)
        {
            return Diagnostics.Report(context, plan.Errors, planPath, Texts.Get("cli.outcome.checked"));
        }

        var (traces, _, exit) = traceOptions.Load(context, parse, estate.Value!);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var report = Checker.Check(estate.Value!, plan.Value!, traces, failures);
        if (report.InputError is not null)
        {
            context.Error.WriteLine(Texts.Format("cli.error.in-file", planPath, report.InputError));
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
            console.MarkupLine(Texts.Format("cli.note", Texts.Get("cli.check.other-traces")));
        }

        if (!report.DigestMatches)
        {
            console.MarkupLine(Texts.Format("cli.note", Texts.Get("cli.check.estate-changed")));
        }

        var bound = report.Bound ?? BoundVerification.None;
        console.MarkupLine(Markup.Escape(Texts.Count("cli.check.bound", bound.Verified.Count, plan.Value!.LowerBound.Value) +
            (bound.Unverified.Count == 0 ? "" : Texts.Format("cli.check.bound.trusted", string.Join("; ", bound.Unverified)))));
        if (report.Valid)
        {
            console.MarkupLine(Texts.Count("cli.check.valid", report.ScenariosChecked, plan.Value!.Assignments.Count, plan.Value.Hosts.Count, report.Failures));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumns(Texts.Get("cli.column.kind"), Texts.Get("cli.column.violation"), Texts.Get("cli.column.hosts"), Texts.Get("cli.column.workloads"));
        foreach (var v in report.Violations)
        {
            table.AddRow(Markup.Escape(v.Kind), Markup.Escape(v.Describe()), Markup.Escape(Names(v.Hosts)), Markup.Escape(Names(v.Workloads)));
        }

        console.Write(table);
        static string Names(IReadOnlyList<string> names) =>
            names.Count <= NamesListed ? string.Join(", ", names) : string.Join(", ", names.Take(NamesListed)) + Texts.Format("cli.list.more", names.Count - NamesListed);
        console.MarkupLine($"[red]{Texts.Count("cli.violations", report.Violations.Count)}[/]");
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
