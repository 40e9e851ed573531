using System.CommandLine;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Support;

/// <summary>Runs the command line in a temporary folder of its own with output captured, and removes the folder after.</summary>
public abstract class CliFolder : IDisposable
{
    /// <summary>The temporary folder commands run in.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("shuyaku-cli-").FullName;

    /// <summary>Removes the folder.</summary>
    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="args"/> on a 120-column console.</summary>
    protected (int Exit, string Out, string Err) Run(params string[] args) => Run(null, args);

    /// <summary>Runs <paramref name="args"/> with <paramref name="extra"/> added to the commands (for tests of the runner itself).</summary>
    protected (int Exit, string Out, string Err) Run(Command? extra, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 120;
        var error = new StringWriter();
        var context = new CliContext(console, error, Folder);
        var root = ShuyakuCli.Build(context);
        if (extra is not null)
        {
            root.Subcommands.Add(extra);
        }

        var exit = ShuyakuCli.Run(args, context, root);
        return (exit, console.Output, error.ToString());
    }

    /// <summary>Writes a file into the folder and returns its path.</summary>
    protected string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
