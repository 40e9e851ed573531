using Shuyaku.Core.Access;

namespace Shuyaku.Access.Tests.Support;

/// <summary>A test that runs a real daemon: skipped, saying why, when its binary is not installed (or root is needed and missing).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DaemonFactAttribute : FactAttribute
{
    /// <summary>Skips unless every binary in <paramref name="binaries"/> is installed.</summary>
    public DaemonFactAttribute(params string[] binaries)
    {
        var missing = binaries.Where(b => DaemonValidator.Find(b) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (Debian: apt-get install {string.Join(' ', missing.Select(Package))})";
        }
        else if (NeedsRoot && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root to create network namespaces";
        }
    }

    /// <summary>Whether the test creates network namespaces (and so needs root).</summary>
    public bool NeedsRoot { get; init; }

    private static string Package(string binary) => binary switch
    {
        "nginx" => "nginx-light libnginx-mod-stream",
        "nft" => "nftables",
        "ip" => "iproute2",
        _ => binary,
    };
}
