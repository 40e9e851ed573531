using System.CommandLine;
using Shuyaku.Cli.Commands;
using Shuyaku.Cli.Localization;
using Spectre.Console;
using Language = Shuyaku.Core.Localization.Language;

namespace Shuyaku.Cli;

/// <summary>Where a command writes: the console for results, a writer for errors, and the folder relative paths start from.</summary>
public sealed record CliContext(IAnsiConsole Out, TextWriter Error, string WorkingDirectory)
{
    /// <summary>
    /// The language people are spoken to in when the command line has no <c>--lang</c> (docs/languages.md): the program
    /// passes the one the locale variables ask for; tests and embedders get English unless they say otherwise.
    /// </summary>
    public string Language { get; init; } = Core.Localization.Language.English;

    /// <summary>A path from the command line, made absolute against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>
    /// Checks, before any work, that an --out folder can exist: no part of its path may be a file. Prints the error and
    /// returns false when it cannot.
    /// </summary>
    public bool CanBeFolder(string outDir)
    {
        for (var dir = Resolve(outDir); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir))
            {
                return true;
            }

            if (File.Exists(dir))
            {
                Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.out-is-file", outDir, dir)));
                return false;
            }
        }

        return true;
    }
}

/// <summary>Exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked; a checked plan is valid.</summary>
    public const int Ok = 0;

    /// <summary>No placement exists, or the checker found violations.</summary>
    public const int Infeasible = 1;

    /// <summary>The input could not be read or is invalid.</summary>
    public const int BadInput = 2;

    /// <summary>An output file or folder could not be written; nothing was printed as if it had been.</summary>
    public const int OutputFailed = 3;

    /// <summary>Shuyaku failed unexpectedly: a bug, reported in one line (the stack with --verbose).</summary>
    public const int InternalError = 4;
}

/// <summary>The <c>shuyaku</c> command: its commands, and how a run turns into an exit code.</summary>
public static class ShuyakuCli
{
    /// <summary>The name of the option that shows the stack trace of an internal error; every command takes it.</summary>
    private const string VerboseName = "--verbose";

    /// <summary>The name of the option that chooses the language; every command takes it.</summary>
    private const string LangName = "--lang";

    /// <summary>
    /// The root command with every subcommand, writing through <paramref name="context"/>. Its help is in the current UI
    /// language (<see cref="Run(string[], CliContext)"/> chooses it first).
    /// </summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(Texts.Get("cli.root.description"));
        root.Options.OfType<System.CommandLine.Help.HelpOption>().Single().Description = Texts.Get("cli.option.help");
        root.Options.Add(new Option<bool>(VerboseName) { Description = Texts.Get("cli.option.verbose"), Recursive = true });

        // The language of everything printed for people; files are the same in every language.
        root.Options.Add(new Option<string>(LangName)
        {
            Description = Texts.Get("cli.option.lang"),
            Recursive = true,
            HelpName = "en|ja",
        }.AcceptOnlyFromAmong([.. Language.Supported]));
        VersionInfo.Attach(root, context);
        CommandLineWords.AllowBesideVersion(root.Options.OfType<VersionOption>().Single(), VerboseName, LangName);
        CommandLineWords.Localise(root);
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(SizingCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(MoveCommand.Create(context));
        root.Subcommands.Add(WhatIfCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ExampleCommand.Create(context));
        return root;
    }

    /// <summary>
    /// System.CommandLine's parse error in the current language (<see cref="CommandLineWords"/>), a value of the wrong type
    /// said without .NET type names.
    /// </summary>
    private static string Plainly(string message) => CommandLineWords.TranslateError(message, (key, args) =>
    {
        if (key != "cli.scl.argument-conversion-cannot-parse-for-option")
        {
            return null;
        }

        var type = args[2];
        var plain = type.Contains(nameof(Int32), StringComparison.Ordinal) || type.Contains(nameof(Int64), StringComparison.Ordinal) ? "cli.error.not-whole-number"
            : type.Contains(nameof(Double), StringComparison.Ordinal) ? "cli.error.not-number"
            : null;
        return plain is null ? null : Texts.Format(plain, args[1], args[0]);
    });

    /// <summary>
    /// Parses and runs <paramref name="args"/> in the language <c>--lang</c> names, else the context's; returns one of
    /// <see cref="ExitCodes"/>. The language is chosen before the commands are built, since their help is built with them.
    /// </summary>
    public static int Run(string[] args, CliContext context)
    {
        using var language = Language.Use(LanguageOf(args) ?? context.Language);
        return Run(args, context, Build(context));
    }

    /// <summary>The supported language a <c>--lang X</c> or <c>--lang=X</c> among <paramref name="args"/> names, if any (the parser reports a wrong one).</summary>
    private static string? LanguageOf(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                break;
            }

            var value = args[i] == "--lang" && i + 1 < args.Length ? args[i + 1]
                : args[i].StartsWith("--lang=", StringComparison.Ordinal) ? args[i]["--lang=".Length..]
                : null;
            if (value is not null)
            {
                return Language.FromTag(value) is { } language && value.Length == language.Length ? language : null;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/> (tests add commands to it).</summary>
    internal static int Run(string[] args, CliContext context, RootCommand root)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Command-line mistakes are bad input (2), never confused with "infeasible" (1).
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Plainly(error.Message)));
            }

            var names = new List<string>();
            for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                names.Insert(0, result.Command.Name);
            }

            context.Error.WriteLine(Texts.Format("cli.error.see-help", string.Join(" ", names.Prepend("shuyaku"))));
            return ExitCodes.BadInput;
        }

        var verbose = root.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == VerboseName) is { } option && parse.GetValue(option);
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out.Profile.Out.Writer,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            // Expected failures are results with messages; an exception here is a bug, never "bad input" or "infeasible".
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.internal", e.GetType().Name, e.Message)));
            context.Error.WriteLine(Texts.Get(verbose ? "cli.error.internal.report" : "cli.error.internal.report-verbose"));
            if (verbose)
            {
                context.Error.WriteLine(e.ToString());
            }

            return ExitCodes.InternalError;
        }
    }
}
