using System.Text;
using System.Text.RegularExpressions;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import;

/// <summary>
/// A seeded mutator over real and small estates: every case must end in an estate or in located diagnostics, never in an
/// exception. Bounded by counts, so it runs the same cases in the same time on every machine.
/// </summary>
public sealed partial class EstateReaderFuzzTests
{
    private const int PerMutation = 12;

    private static readonly string[] Numbers = ["1e308", "1e309", "-1e309", "NaN", ".nan", ".inf", "-.inf", "99999999999999999999999999", "0x1F", "-0", "1e-400", "4.9e-324"];

    private static readonly string[] Lines =
    [
        "  - spread: [a, b", "\t- x", "<<: *nope", "  <<: 5", "&a", ": :", "{", "]", "key: 1e309", "? [a]", "---", "  - *", "%YAML 1.1", "!!binary x",
        "    dedicated: yes", "  - { id: ", "'", "\"\\", "|", ">-", "- - - -", "x: &a [*a]", "? &k [*k]\n: 1",
    ];

    private static readonly string[] Small =
    [
        TestEstates.Estate(TestEstates.Workloads(3, 1, 1), rules: "  - spread: [w1, w2]\n  - gather: [w2, w3]\n"),
        """
        sites: [{ id: a }]
        servers:
          - { id: s1, site: a, hardware: &hw { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
          - { id: s2, site: a, hardware: { <<: *hw, memory: 8GiB } }
        workloads:
          - { id: w, server: s1, dedicated: true, demand: { cpu: 10%, memory: 1GiB } }
          - { id: v, server: s2, demand: { cpu: { avg: 1%, peak: 5% }, memory: 1GiB, network: 10Mbps } }
        catalog:
          - { id: m, sockets: 1, cores: 8, clock: 2GHz, memory: 64GiB }
        policy: { failures: 1, growth: 10%, horizon: 3 }
        """,
        """{"workloads": [{"id": "a", "demand": {"cpu": "1GHz", "memory": "1GiB"}}], "catalog": [{"id": "m", "sockets": 1, "cores": 4, "clock": "2GHz", "memory": "8GiB"}]}""",
    ];

    [Fact]
    public void Mutated_estates_end_in_an_estate_or_located_diagnostics_never_an_exception()
    {
        var random = new Random(20_061);
        var failures = new List<string>();
        var cases = 0;
        foreach (var (name, bytes) in Cases(random))
        {
            cases++;
            try
            {
                var result = EstateFit.ReadAndCheck(bytes, "fuzz.yaml");
                if (!result.Succeeded && (result.Errors.Count == 0 || result.Errors.Any(e => e.File != "fuzz.yaml" || e.Line < 1 || e.Column < 1 || e.Message.Length == 0)))
                {
                    failures.Add($"{name}: failed without a located error: {string.Join(" | ", result.Errors)}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(20)));
        cases.ShouldBeGreaterThan(300);
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Cases(Random random)
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        foreach (var (seedName, seed) in Small.Select((s, i) => ($"small {i}", s)).Prepend(("tdu-2006", example)))
        {
            yield return ($"{seedName} as written", Encoding.UTF8.GetBytes(seed));
            var bytes = Encoding.UTF8.GetBytes(seed);
            var lines = seed.Split('\n');
            for (var i = 0; i < PerMutation; i++)
            {
                var at = random.Next(bytes.Length);
                yield return ($"{seedName} truncated at {at}", bytes[..at]);
                var flipped = (byte[])bytes.Clone();
                flipped[at] ^= (byte)random.Next(1, 256);
                yield return ($"{seedName} byte {at} flipped", flipped);
                var line = random.Next(lines.Length);
                yield return ($"{seedName} line {line} inserted", Join([.. lines[..line], Pick(random, Lines.Concat(lines).ToArray()), .. lines[line..]]));
                yield return ($"{seedName} line {line} deleted", Join([.. lines[..line], .. lines[(line + 1)..]]));
                var other = lines[random.Next(lines.Length)];
                var indented = (string[])lines.Clone();
                indented[line] = other[..(other.Length - other.TrimStart().Length)] + lines[line].TrimStart();
                yield return ($"{seedName} line {line} indented as another", Join(indented));
                var matches = Number().Matches(seed);
                if (matches.Count > 0)
                {
                    var m = matches[random.Next(matches.Count)];
                    var number = Pick(random, Numbers);
                    yield return ($"{seedName} {m.Value} at {m.Index} replaced by {number}", Encoding.UTF8.GetBytes(seed[..m.Index] + number + seed[(m.Index + m.Length)..]));
                }

                var depth = i == 0 ? 100_000 : Pick(random, [65, 1_000, 5_000]);
                var bracket = Pick(random, ["[", "{", "- ", "[{"]);
                yield return ($"{seedName} {depth} × '{bracket}' at {at}", Encoding.UTF8.GetBytes(seed[..Math.Min(at, seed.Length)] + string.Concat(Enumerable.Repeat(bracket, depth)) + seed[Math.Min(at, seed.Length)..]));
                var invalid = Pick(random, new byte[][] { [0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0] });
                yield return ($"{seedName} invalid UTF-8 at {at}", [.. bytes[..at], .. invalid, .. bytes[at..]]);
            }
        }

        yield return ("empty", []);
        yield return ("byte-order mark only", [0xEF, 0xBB, 0xBF]);
        yield return ("UTF-16 mark and garbage", [0xFF, 0xFE, 0x41, 0xD8, 0x00]);
        for (var i = 0; i < 8; i++)
        {
            var garbage = new byte[random.Next(1, 2_000)];
            random.NextBytes(garbage);
            yield return ($"binary garbage {i}", garbage);
        }

        foreach (var text in new[] { "---", "--- \n--- \n", "x: &a [*a]\n", "? &a [*a]\n: 1\n", "a: &a {b: *a}\nworkloads: *a\n", "workloads: &w [{ id: a, <<: *w }]\n", "~", "[]", "\"", "'", "|\n  x", "*a", "&a" })
        {
            yield return ($"'{text}'", Encoding.UTF8.GetBytes(text));
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static byte[] Join(string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();
}
