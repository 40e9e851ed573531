using System.CommandLine;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Access;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku export slb ESTATE PLAN --out DIR [--no-validate]</c>: the access layer as daemon configurations.</summary>
internal static class ExportCommand
{
    /// <summary>Where the files go without --out.</summary>
    public const string DefaultOutput = "shuyaku-out/slb";

    public static Command Create(CliContext context)
    {
        var export = new Command("export", Texts.Get("cli.export.description"));
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.export.estate") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.export.plan") };
        var output = new Option<string>("--out", "-o")
        {
            Description = Texts.Format("cli.export.out", DefaultOutput),
            DefaultValueFactory = _ => DefaultOutput,
        };
        var noValidate = new Option<bool>("--no-validate") { Description = Texts.Get("cli.export.no-validate") };
        var slb = new Command("slb", Texts.Get("cli.export.slb.description"))
        {
            estate, plan, output, noValidate,
        };
        slb.SetAction(parse => Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(output)!, parse.GetValue(noValidate)));
        export.Subcommands.Add(slb);
        return export;
    }

    private static int Run(CliContext context, string estatePath, string planPath, string outDir, bool noValidate)
    {
        var outcome = Texts.Get("cli.outcome.configuration");
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, outcome, out var estate, out var plan, out var check) is { } bad)
        {
            return bad;
        }


        if (estate.Access is not { } access)
        {
            context.Error.WriteLine(Texts.Format("cli.error.in-file", estatePath, Texts.Format("cli.export.no-access", outcome)));
            return ExitCodes.BadInput;
        }

        var (files, problems) = SlbExport.Generate(access);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                context.Error.WriteLine(Texts.Format("cli.error.in-file", estatePath, p));
            }

            return ExitCodes.BadInput;
        }

        if (!context.CanBeFolder(outDir))
        {
            return ExitCodes.OutputFailed;
        }

        var folder = context.Resolve(outDir);
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var f in files)
            {
                File.WriteAllText(Path.Combine(folder, f.Name), f.Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.export.cannot-write", outDir, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        var shown = Path.IsPathRooted(outDir) ? folder : Path.GetRelativePath(context.WorkingDirectory, folder);
        context.Out.MarkupLine(Texts.Format("cli.export.written", files.Count, Markup.Escape(shown), access.Services.Count, Markup.Escape(string.Join(", ", files.Select(f => f.Name)))));
        if (noValidate)
        {
            context.Out.MarkupLine(Texts.Get("cli.export.not-validated"));
            return ExitCodes.Ok;
        }

        var refused = 0;
        var scratch = Directory.CreateTempSubdirectory("shuyaku-slb-").FullName;
        try
        {
            foreach (var f in files)
            {
                var verdict = DaemonValidator.Check(f, Path.Combine(folder, f.Name), scratch);
                if (verdict.Daemon is null)
                {
                    context.Out.MarkupLine(Texts.Format("cli.export.not-installed", Markup.Escape(f.Name), Markup.Escape(DaemonValidator.DaemonFor(f.Name))));
                }
                else if (verdict.Valid)
                {
                    context.Out.MarkupLine(Texts.Format("cli.export.accepted", Markup.Escape(f.Name), Markup.Escape(verdict.Daemon)));
                }
                else
                {
                    refused++;
                    context.Out.MarkupLine(Texts.Format("cli.export.refused", Markup.Escape(f.Name), Markup.Escape(verdict.Daemon)));
                    foreach (var e in verdict.Errors)
                    {
                        context.Error.WriteLine(Texts.Format("cli.error.in-file", Path.Combine(shown, f.Name), e));
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        return refused > 0 ? ExitCodes.Infeasible : ExitCodes.Ok;
    }
}
