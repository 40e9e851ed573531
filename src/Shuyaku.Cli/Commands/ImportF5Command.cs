using System.CommandLine;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku import f5 BIGIP.CONF [-o access.yaml] [--estate ESTATE]</c>: an F5 BIG-IP configuration as the estate's access section.</summary>
internal static class ImportF5Command
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("BIGIP.CONF") { Description = Texts.Get("cli.import.f5.config") };
        var output = new Option<string?>("--out", "-o")
        {
            Description = Texts.Get("cli.import.f5.out"),
        };
        var estate = new Option<string?>("--estate")
        {
            Description = Texts.Get("cli.import.f5.estate"),
        };
        var command = new Command("f5", Texts.Get("cli.import.f5.description"))
        {
            config, output, estate,
        };
        command.Aliases.Add("slb");
        command.SetAction(parse => Run(context, parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(estate)));
        return command;
    }

    private static int Run(CliContext context, string configPath, string? outPath, string? estatePath)
    {
        Estate? model = null;
        if (estatePath is not null)
        {
            var read = EstateFit.ReadAndCheckFile(context.Resolve(estatePath));
            if (!read.Succeeded)
            {
                return Diagnostics.Report(context, read.Errors, estatePath, Texts.Get("cli.outcome.imported"));
            }

            model = read.Value;
        }

        var result = F5Importer.ImportFile(context.Resolve(configPath), model, configPath);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                context.Error.WriteLine(Diagnostics.Error(e));
            }

            return ExitCodes.BadInput;
        }

        var import = result.Value!;
        var stdout = context.Out.Profile.Out.Writer;
        var report = outPath is null ? context.Error : stdout;
        if (import.Yaml is null)
        {
            Report(report, import, null);
            report.WriteLine(Texts.Get("cli.import.f5.nothing"));
            return ExitCodes.Infeasible;
        }

        if (outPath is null)
        {
            stdout.Write(import.Yaml);
            Report(report, import, null);
            return ExitCodes.Ok;
        }

        var file = context.Resolve(outPath);
        try
        {
            if (Directory.Exists(file))
            {
                throw new IOException(Texts.Format("cli.import.f5.out-is-folder", Path.Combine(outPath, "access.yaml")));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, import.Yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.import.f5.cannot-write", outPath, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        Report(report, import, outPath);
        return ExitCodes.Ok;
    }

    /// <summary>Counts, skipped objects with their reasons, objects not read, and every warning.</summary>
    private static void Report(TextWriter w, F5Import import, string? written)
    {
        var skippedVirtuals = import.VirtualServers - import.Translated;
        w.WriteLine(Texts.Format("cli.import.f5.read", Texts.Count("cli.count.virtual-server", import.VirtualServers), import.Translated, Texts.Count("cli.count.service", import.Services), skippedVirtuals));
        if (import.Skipped.Count > 0)
        {
            w.WriteLine(Texts.Get("cli.import.f5.skipped"));
            foreach (var s in import.Skipped)
            {
                w.WriteLine(Texts.Format("cli.import.f5.skipped-line", s.Line, s.Object, s.Reason));
            }
        }

        if (import.NotRead.Count > 0)
        {
            w.WriteLine(Texts.Format("cli.import.f5.not-read", Texts.Count("cli.count.object", import.NotRead.Values.Sum()), string.Join(", ", import.NotRead.Select(kv => $"{kv.Key} {kv.Value}"))));
        }

        if (import.Warnings.Count > 0)
        {
            w.WriteLine(Texts.Count("cli.import.f5.warnings", import.Warnings.Count));
            foreach (var d in import.Warnings)
            {
                w.WriteLine(Texts.Format("cli.warning.at", d.File, d.Line, d.Column, d.Message));
            }
        }

        if (written is not null)
        {
            w.WriteLine(Texts.Format("cli.import.f5.written", written));
        }
    }
}
