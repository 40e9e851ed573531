using System.CommandLine;
using Shuyaku.Cli.Commands;
using Spectre.Console;

namespace Shuyaku.Cli;

/// <summary>Where a command writes: the console for results, a writer for errors, and the folder relative paths start from.</summary>
public sealed record CliContext(IAnsiConsole Out, TextWriter Error, string WorkingDirectory)
{
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}

/// <summary>Exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>No placement exists, or the checker found violations.</summary>
    public const int Infeasible = 1;

    /// <summary>The input could not be read or is invalid.</summary>
    public const int BadInput = 2;
}

public static class ShuyakuCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "Shuyaku (集約) plans server consolidation: it sizes an estate's workloads, places one VM per workload on the fewest " +
            "hosts that honour headroom, overcommit, rules and N+k failover, proves the plan with an independent checker, and " +
            "shows how close to optimal it is.\n\nExit codes: 0 ok, 1 infeasible or violations found, 2 bad input.");
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        return root;
    }

    public static int Run(string[] args, CliContext context)
    {
        var root = Build(context);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = context.Out.Profile.Out.Writer, Error = context.Error });
    }
}
