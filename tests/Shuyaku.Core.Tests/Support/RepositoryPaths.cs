namespace Shuyaku.Core.Tests.Support;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding Shuyaku.slnx above the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Shuyaku.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException("Shuyaku.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The fenced code blocks of a markdown file with the given language tag.</summary>
    public static IReadOnlyList<string> CodeBlocks(string markdownPath, string language)
    {
        return CodeBlocksOf(File.ReadAllText(markdownPath), language);
    }

    /// <summary>The fenced code blocks of markdown text with the given language tag ("" for untagged blocks).</summary>
    public static IReadOnlyList<string> CodeBlocksOf(string markdown, string language)
    {
        var blocks = new List<string>();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```" + language)
            {
                continue;
            }

            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(string.Join("\n", body) + "\n");
        }

        return blocks;
    }
}
