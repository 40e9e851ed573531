using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Access.Tests;

/// <summary>The bundled example's access layer, exported and checked by every installed daemon.</summary>
public sealed class ExampleExportTests
{
    private static Estate Example()
    {
        var read = EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        read.Errors.ShouldBeEmpty();
        return read.Value!;
    }

    [Fact]
    public void The_example_has_its_web_smtp_pop_dns_ntp_and_radius_services_on_the_balancer_pair()
    {
        var access = Example().Access!;
        access.Services.Select(s => (s.Id, s.Protocol)).ShouldBe([
            ("web", ServiceProtocol.Http), ("smtp", ServiceProtocol.Smtp), ("pop", ServiceProtocol.Pop3),
            ("dns", ServiceProtocol.Dns), ("ntp", ServiceProtocol.Ntp), ("radius", ServiceProtocol.Radius),
        ]);
        access.Services.Select(s => s.Members.Count).ShouldBe([16, 10, 10, 14, 6, 6]);
        access.Balancers.Select(b => b.Site).Distinct().ShouldBe(["dc"]);
    }

    [DaemonFact("haproxy", "nginx", "dnsdist", "keepalived", "nft", NeedsRoot = true)]
    public void The_examples_export_is_accepted_by_every_daemon()
    {
        using var folder = new TempFolder();
        var (files, problems) = SlbExport.Generate(Example().Access!);
        problems.ShouldBeEmpty();
        files.Select(f => f.Name).ShouldBe([
            HaproxyConfig.FileName, NginxStreamConfig.FileName, DnsdistConfig.FileName, NftablesConfig.FileName,
            "keepalived-slb-1.conf", "keepalived-slb-2.conf",
        ]);
        foreach (var f in files)
        {
            var verdict = DaemonValidator.Check(f, folder.Write(f.Name, f.Text), folder.Path);
            verdict.Daemon.ShouldNotBeNull();
            verdict.Valid.ShouldBeTrue($"{f.Name}: {string.Join("\n", verdict.Errors)}");
        }
    }

    [DaemonFact("haproxy")]
    public void A_daemons_error_names_the_service_that_produced_the_line()
    {
        using var folder = new TempFolder();
        var file = HaproxyConfig.Render(Example().Access!);
        var line = file.Text.Split('\n').ToList().FindIndex(l => l.StartsWith("frontend pop", StringComparison.Ordinal)) + 2;
        var lines = file.Text.Split('\n');
        lines[line - 1] = "    bogus_keyword here";
        var broken = file with { Text = string.Join('\n', lines) };
        var verdict = DaemonValidator.Check(broken, folder.Write(broken.Name, broken.Text), folder.Path);
        verdict.Valid.ShouldBeFalse();
        verdict.Errors.ShouldContain(e => e.Contains($"[from 'pop', line {line} of haproxy.cfg]", StringComparison.Ordinal) && e.Contains("bogus_keyword", StringComparison.Ordinal));
    }
}
