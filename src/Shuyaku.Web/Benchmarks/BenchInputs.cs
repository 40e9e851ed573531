using System.Globalization;
using System.Text;

namespace Shuyaku.Web.Benchmarks;

/// <summary>
/// What the console benchmark gives the console: the estate it uploads and the users' password. They are inputs, written
/// the same in every language, like the files Shuyaku writes (docs/languages.md), so they stay out of the localised sources.
/// </summary>
internal static class BenchInputs
{
    /// <summary>The password of the benchmark's users (a throwaway console on 127.0.0.1).</summary>
    public const string Password = "benchmark password";

    /// <summary>
    /// An estate of <paramref name="guests"/> workloads (2 vCPU, 1 GHz, 4 GiB, 40 GiB disk) on one site with one host
    /// model; every fourth has no owner comment, every tenth an expiry date in 2024.
    /// </summary>
    public static string Estate(int guests)
    {
        var b = new StringBuilder("name: Console benchmark\nsites:\n  - { id: dc, name: DC, role: datacenter }\nworkloads:\n");
        for (var i = 0; i < guests; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"  - id: vm{i:00000}\n");
            if (i % 4 != 0)
            {
                b.Append(CultureInfo.InvariantCulture, $"    # owner: team-{i % 37}\n");
            }

            if (i % 10 == 0)
            {
                b.Append("    # expiry: 2024-06-30\n");
            }

            b.Append("    site: dc\n    vcpus: 2\n    demand: { cpu: 1GHz, memory: 4GiB, disk: 40GiB }\n");
        }

        return b.Append("catalog:\n  - { id: big, sockets: 2, cores: 32, clock: 2.5GHz, memory: 1024GiB }\n").ToString();
    }
}
