using System.CommandLine;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>
/// <c>shuyaku example [--out DIR] [--force]</c>: writes the bundled examples (the repository's examples/ folder) into
/// DIR/examples, so that an installed Shuyaku has the files the documentation's command lines name.
/// </summary>
internal static class ExampleCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder to write the examples/ folder into (default: the current folder).",
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Overwrite files that exist with other content (without it, nothing is written when one does).",
        };
        var command = new Command(
            "example",
            "Write the bundled examples into DIR/examples: the case study tdu-2006 (estate.yaml, README.md, a day of CPU " +
            "traces in traces/) that 'plan' plans when given no estate, the web-farm estate, an RVTools CSV export with a " +
            "catalog (rvtools-csv/), an F5 configuration (f5/bigip.conf) and sar output (measurements/web1.sadf.txt), so that the documentation's command lines run as written from DIR. Files that " +
            "exist with the same content are left as they are. Exit 0 written, 3 a file exists with other content (and " +
            "--force is not given) or could not be written; then nothing is written.")
        {
            output, force,
        };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(force)));
        return command;
    }

    private static int Run(CliContext context, string outDir, bool force)
    {
        if (!context.CanBeFolder(outDir))
        {
            return ExitCodes.OutputFailed;
        }

        var root = context.Resolve(outDir);
        var files = BundledExamples.Files.Select(f => (Name: f, Path: Path.Combine(root, f), Bytes: BundledExamples.Read(f))).ToList();

        // Every clash is found before anything is written, so a refused run leaves the folder as it was.
        var clashes = files.Where(f => Directory.Exists(f.Path) || (File.Exists(f.Path) && !File.ReadAllBytes(f.Path).AsSpan().SequenceEqual(f.Bytes))).ToList();
        if (clashes.Count > 0 && (!force || clashes.Any(f => Directory.Exists(f.Path))))
        {
            foreach (var clash in clashes)
            {
                context.Error.WriteLine(Directory.Exists(clash.Path)
                    ? $"error: {clash.Path} is a folder; give another --out."
                    : $"error: {clash.Path} exists with other content; give another --out, or --force to overwrite it.");
            }

            context.Error.WriteLine("Nothing was written.");
            return ExitCodes.OutputFailed;
        }

        var written = 0;
        try
        {
            foreach (var file in files)
            {
                if (File.Exists(file.Path) && !clashes.Contains(file))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
                File.WriteAllBytes(file.Path, file.Bytes);
                written++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: the examples could not be written to {root}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        // The folder as the user named it (relative stays relative), so the line reads the same on every machine.
        context.Out.WriteLine($"{files.Count} example files in {Path.Combine(outDir, "examples")} ({written} written, {files.Count - written} already there):");
        foreach (var file in files)
        {
            context.Out.WriteLine("  " + file.Name);
        }

        var estate = outDir == "." ? BundledExamples.Estate : Path.Combine(outDir, BundledExamples.Estate);
        context.Out.WriteLine($"Plan the case study: shuyaku plan {estate}");
        return ExitCodes.Ok;
    }
}
