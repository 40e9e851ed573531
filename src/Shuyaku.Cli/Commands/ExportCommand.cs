using System.CommandLine;
using System.Text;
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
        var export = new Command("export", "Export what the plan needs outside Shuyaku: 'export slb' writes the load-balancer configurations.");
        var estate = new Argument<string>("ESTATE") { Description = "The estate file with the 'access' section." };
        var plan = new Argument<string>("PLAN") { Description = "The plan.json made for the estate (checked to belong to it)." };
        var output = new Option<string>("--out", "-o")
        {
            Description = $"The folder the files are written to (default {DefaultOutput}); it is created.",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var noValidate = new Option<bool>("--no-validate") { Description = "Do not check the files with the installed daemons." };
        var slb = new Command(
            "slb",
            "Write the estate's access layer as configurations of open-source balancers: haproxy.cfg (TCP and HTTP services: " +
            "frontends on the virtual addresses, checked backends, weights, backups, stick tables that refuse and ban abusive " +
            "sources), nginx-stream.conf (NTP, RADIUS and other UDP services, passive failure detection), dnsdist.conf (DNS: " +
            "health checks, per-source query limits, dynamic blocks, no security polling), nftables.conf (per-source UDP rate " +
            "limits and bans) and keepalived-NODE.conf for each balancer of the VRRP pair (every virtual address, tracking " +
            "the balancer daemons). Member addresses are the workloads' ip, else their server's, which the move keeps. Each " +
            "file is checked with its daemon when installed (haproxy -c, nginx -t, dnsdist --check-config, keepalived -t, " +
            "nft -c; nft and keepalived need root); a daemon's error names the service that produced the line. Exit 0 written " +
            "and accepted, 1 written but a daemon refused a file, 2 bad input, 3 the files could not be written.")
        {
            estate, plan, output, noValidate,
        };
        slb.SetAction(parse => Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(output)!, parse.GetValue(noValidate)));
        export.Subcommands.Add(slb);
        return export;
    }

    private static int Run(CliContext context, string estatePath, string planPath, string outDir, bool noValidate)
    {
        const string outcome = "no configuration was written";
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, outcome, out var estate, out var plan, out var check) is { } bad)
        {
            return bad;
        }


        if (estate.Access is not { } access)
        {
            context.Error.WriteLine($"{estatePath}: error: the estate has no 'access' section: describe the balancer pair and the virtual services (docs/estate-format.md, section access); {outcome}.");
            return ExitCodes.BadInput;
        }

        var (files, problems) = SlbExport.Generate(access);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                context.Error.WriteLine($"{estatePath}: error: {p}");
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
            context.Error.WriteLine($"error: cannot write the configurations to {outDir}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        var shown = Path.IsPathRooted(outDir) ? folder : Path.GetRelativePath(context.WorkingDirectory, folder);
        context.Out.MarkupLine($"Wrote {files.Count} files to [bold]{Markup.Escape(shown)}[/] for {access.Services.Count} virtual services: {Markup.Escape(string.Join(", ", files.Select(f => f.Name)))}");
        if (noValidate)
        {
            context.Out.MarkupLine("Not checked with the daemons (--no-validate).");
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
                    context.Out.MarkupLine($"  {Markup.Escape(f.Name)}: not checked, {Markup.Escape(DaemonValidator.DaemonFor(f.Name))} is not installed");
                }
                else if (verdict.Valid)
                {
                    context.Out.MarkupLine($"  {Markup.Escape(f.Name)}: accepted by {Markup.Escape(verdict.Daemon)}");
                }
                else
                {
                    refused++;
                    context.Out.MarkupLine($"  {Markup.Escape(f.Name)}: [red]refused[/] by {Markup.Escape(verdict.Daemon)}");
                    foreach (var e in verdict.Errors)
                    {
                        context.Error.WriteLine($"{Path.Combine(shown, f.Name)}: error: {e}");
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
