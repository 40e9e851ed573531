using Spectre.Console;

return Shuyaku.Cli.ShuyakuCli.Run(args, new Shuyaku.Cli.CliContext(AnsiConsole.Console, Console.Error, Environment.CurrentDirectory)
{
    Language = Shuyaku.Core.Localization.Language.FromEnvironment(Environment.GetEnvironmentVariable),
});
