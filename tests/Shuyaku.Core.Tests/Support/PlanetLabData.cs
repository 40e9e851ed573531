namespace Shuyaku.Core.Tests.Support;

/// <summary>
/// The PlanetLab traces with CloudSim's VM order and results: planetlab/ in the shared data folder
/// (../shared/data beside the repository, or $SHUYAKU_DATA). Null when absent; the data is never copied into the repo.
/// </summary>
internal static class PlanetLabData
{
    public static readonly string? Directory =
        RealData.Root is { } root && System.IO.Directory.Exists(Path.Combine(root, "planetlab", "cloudsim-vm-order"))
            ? Path.Combine(root, "planetlab")
            : null;
}

/// <summary>A fact that runs only where the PlanetLab data is present.</summary>
public sealed class PlanetLabFactAttribute : FactAttribute
{
    public PlanetLabFactAttribute()
    {
        if (PlanetLabData.Directory is null)
        {
            Skip = "the PlanetLab data (planetlab/ in ../shared/data or $SHUYAKU_DATA) is not here";
        }
    }
}
