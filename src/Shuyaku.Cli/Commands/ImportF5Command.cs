using System.CommandLine;
using System.Text;
using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku import f5 BIGIP.CONF [-o access.yaml] [--estate ESTATE]</c>: an F5 BIG-IP configuration as the estate's access section.</summary>
internal static class ImportF5Command
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("BIGIP.CONF") { Description = "The BIG-IP configuration in tmsh syntax (/config/bigip.conf, or the output of 'tmsh list ltm')." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "The YAML file to write the access section to; without it the section goes to standard output and the report to standard error.",
        };
        var estate = new Option<string?>("--estate")
        {
            Description = "An estate file: pool members whose address is a workload's ip (or its server's) are written as that workload.",
        };
        var command = new Command(
            "f5",
            "Translate the virtual servers of an F5 BIG-IP configuration (ltm virtual, pool, node, monitor, persistence, profiles) " +
            "into the estate's 'access:' section: address and port, protocol, method, persistence, members (workloads of --estate " +
            "where an address matches), weights, backups, health check and connection limit. iRules, GTM, TLS offload and whatever " +
            "else has no equivalent are listed with the reason; every translation that loses something is a warning with the F5 " +
            "object and its line; system, network and authentication objects are counted and skipped (docs/import-f5.md). " +
            "Exit 0 written, 1 nothing could be translated (the report says why), 2 bad input (a syntax error, with its line and " +
            "column), 3 the output could not be written.")
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
                return Diagnostics.Report(context, read.Errors, estatePath, "nothing was imported");
            }

            model = read.Value;
        }

        var result = F5Importer.ImportFile(context.Resolve(configPath), model, configPath);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                context.Error.WriteLine(e.Line > 0 ? $"{e.File}:{e.Line}:{e.Column}: error: {e.Message}" : $"{e.File}: error: {e.Message}");
            }

            return ExitCodes.BadInput;
        }

        var import = result.Value!;
        var stdout = context.Out.Profile.Out.Writer;
        var report = outPath is null ? context.Error : stdout;
        if (import.Yaml is null)
        {
            Report(report, import, null);
            report.WriteLine("Nothing could be translated; no access section was written.");
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
                throw new IOException("it is a folder; give a file name such as " + Path.Combine(outPath, "access.yaml"));
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, import.Yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: cannot write the access section to {outPath}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        Report(report, import, outPath);
        return ExitCodes.Ok;
    }

    /// <summary>Counts, skipped objects with their reasons, objects not read, and every warning.</summary>
    private static void Report(TextWriter w, F5Import import, string? written)
    {
        var skippedVirtuals = import.VirtualServers - import.Translated;
        w.WriteLine($"Read {Plural(import.VirtualServers, "virtual server")}: {import.Translated} translated into {Plural(import.Services, "service")}, {skippedVirtuals} skipped.");
        if (import.Skipped.Count > 0)
        {
            w.WriteLine("Skipped:");
            foreach (var s in import.Skipped)
            {
                w.WriteLine($"  line {s.Line}: {s.Object}: {s.Reason}");
            }
        }

        if (import.NotRead.Count > 0)
        {
            w.WriteLine($"Not read ({Plural(import.NotRead.Values.Sum(), "object")}, no equivalent in an access section): " +
                        string.Join(", ", import.NotRead.Select(kv => $"{kv.Key} {kv.Value}")) + ".");
        }

        if (import.Warnings.Count > 0)
        {
            w.WriteLine($"{Plural(import.Warnings.Count, "warning")}:");
            foreach (var d in import.Warnings)
            {
                w.WriteLine($"{d.File}:{d.Line}:{d.Column}: warning: {d.Message}");
            }
        }

        if (written is not null)
        {
            w.WriteLine($"Access section written to {written}.");
        }
    }

    private static string Plural(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}
