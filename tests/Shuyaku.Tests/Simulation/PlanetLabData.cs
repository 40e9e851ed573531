namespace Shuyaku.Tests.Simulation;

/// <summary>
/// Where the PlanetLab traces are: $SHUYAKU_DATA (the shared data folder or its planetlab/ folder), else
/// ../shared/data/planetlab beside the repository. Null when neither exists; the data is never copied into the repo.
/// </summary>
internal static class PlanetLabData
{
    public static readonly string? Directory = Locate();

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SHUYAKU_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            foreach (var candidate in new[] { Path.Combine(fromEnvironment, "planetlab"), fromEnvironment })
            {
                if (System.IO.Directory.Exists(Path.Combine(candidate, "cloudsim-vm-order")))
                {
                    return candidate;
                }
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Shuyaku.slnx")))
            {
                var beside = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "planetlab"));
                return System.IO.Directory.Exists(Path.Combine(beside, "cloudsim-vm-order")) ? beside : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only where the PlanetLab data is present.</summary>
public sealed class PlanetLabFactAttribute : FactAttribute
{
    public PlanetLabFactAttribute()
    {
        if (PlanetLabData.Directory is null)
        {
            Skip = "PlanetLab data not found (set SHUYAKU_DATA or put it at ../shared/data/planetlab).";
        }
    }
}
