using System.CommandLine;
using Shuyaku.Cli.Localization;
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
            Description = Texts.Get("cli.example.out"),
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force")
        {
            Description = Texts.Get("cli.example.force"),
        };
        var command = new Command("example", Texts.Get("cli.example.description"))
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
                context.Error.WriteLine(Texts.Format("cli.error", Directory.Exists(clash.Path)
                    ? Texts.Format("cli.example.is-folder", clash.Path)
                    : Texts.Format("cli.example.exists", clash.Path)));
            }

            context.Error.WriteLine(Texts.Get("cli.example.nothing-written"));
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
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.example.cannot-write", root, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        // The folder as the user named it (relative stays relative), so the line reads the same on every machine.
        context.Out.WriteLine(Texts.Format("cli.example.written", files.Count, Path.Combine(outDir, "examples"), written, files.Count - written));
        foreach (var file in files)
        {
            context.Out.WriteLine("  " + file.Name);
        }

        var estate = outDir == "." ? BundledExamples.Estate : Path.Combine(outDir, BundledExamples.Estate);
        context.Out.WriteLine(Texts.Format("cli.example.next", estate));
        return ExitCodes.Ok;
    }
}
