namespace Shuyaku.Core.Tests.Support;

/// <summary>Runs only when the shared data folder (../shared/data beside the repository, or $SHUYAKU_DATA) exists.</summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (RealData.Root is null)
        {
            Skip = "the shared data folder (../shared/data or $SHUYAKU_DATA) is not here";
        }
    }
}

internal static class RealData
{
    public static readonly string? Root = Find();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("SHUYAKU_DATA");
        if (env is not null)
        {
            return Directory.Exists(env) ? env : null;
        }

        var data = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "data"));
        return Directory.Exists(data) ? data : null;
    }
}
