using System.Text;
using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import.F5;

/// <summary>
/// Seeded damage to the campus configuration and to small ones: every case ends in services or in diagnostics (an
/// error, a warning or a skipped object), never in an exception. Bounded by counts, the same cases on every machine.
/// </summary>
public sealed class F5ImporterFuzzTests
{
    private static readonly string[] Inserts =
    [
        "{", "}", "\"", "\\", "ltm virtual", "ltm virtual /Common/x { destination", "monitor min 9 of {", "members { a:b { } }",
        "ratio 99999999999999999999", "destination /Common/::.80", "destination /Common/1.2.3.4%:80", "priority-group -1",
        "ltm rule /Common/r {", "#", "persist { /Common/x { default yes } }", "ltm persistence source-addr /Common/src_30min { defaults-from /Common/src_30min }",
        "ltm monitor http /Common/http_health { defaults-from /Common/http_health }", "interval 0", "timeout 99999999999",
    ];

    [Fact]
    public void Damaged_configurations_end_in_services_or_diagnostics_never_an_exception()
    {
        var campus = File.ReadAllText(F5CampusFixtureTests.FixturePath);
        var random = new Random(1_2006);
        var mutator = new SeededMutator(7_411);
        var cases = 0;
        var failures = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            byte[] bytes;
            string what;
            if (i % 3 == 0)
            {
                var lines = campus.Split('\n').ToList();
                var at = random.Next(lines.Count);
                lines.Insert(at, Inserts[random.Next(Inserts.Length)]);
                (bytes, what) = (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"insert at line {at}");
            }
            else if (i % 3 == 1)
            {
                var cut = random.Next(campus.Length + 1);
                (bytes, what) = (Encoding.UTF8.GetBytes(campus[..cut]), $"truncated at {cut}");
            }
            else
            {
                (bytes, what) = mutator.Mutate(campus);
            }

            cases++;
            try
            {
                var result = F5Importer.Import("bigip.conf", bytes);
                var value = result.Value;
                var said = result.Errors.Count > 0 || value is not null && (value.Services > 0 || value.Warnings.Count > 0 || value.Skipped.Count > 0);
                if (!said)
                {
                    failures.Add($"case {i} ({what}): neither services nor a diagnostic");
                }

                if (result.Errors.Any(e => e.Line < 1 || e.Column < 1))
                {
                    failures.Add($"case {i} ({what}): an error without a place: {result.Errors[0]}");
                }
            }
            catch (Exception e)
            {
                failures.Add($"case {i} ({what}): {e.GetType().Name}: {e.Message}");
            }
        }

        cases.ShouldBe(400);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Deep_nesting_is_parsed_without_recursion()
    {
        var text = "ltm pool /Common/p " + new string('{', 100_000) + new string('}', 100_000);

        var result = F5Importer.Import("bigip.conf", Encoding.UTF8.GetBytes(text));

        result.Errors.ShouldBeEmpty();
        result.Value!.Warnings.Single().Message.ShouldBe("the configuration holds no virtual server (ltm virtual): nothing to translate");
    }
}
