using Shuyaku.Core.Access;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    private const string Estate = """
        name: access
        sites:
          - { id: a, role: campus }
          - { id: dc, role: datacenter }
        servers:
          - { id: s1, site: a, ip: 10.1.1.11, subnet: 10.1.1.0/24, hardware: { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
        workloads:
          - { id: web1, service: web, server: s1, demand: { cpu: 5%, memory: 256MiB } }
          - { id: web2, service: web, server: s1, ip: 10.1.1.12, demand: { cpu: 5%, memory: 256MiB } }
        catalog:
          - { id: m, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB }
        access:
          balancers:
            - { id: slb-1, site: dc, address: 10.0.0.11, priority: 150 }
            - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }
          vrrp: { routerId: 51 }
          services:
            - { id: web, address: 10.0.1.10, ports: [80], protocol: http, members: [ { workload: web1 }, { workload: web2 } ] }
            - { id: ntp, address: 10.0.1.123, ports: [123], protocol: ntp, members: [ { workload: web1 } ] }

        """;

    private static (int Code, string Out, string Error) Run(TempFolder folder, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, folder.Path));
        return (code, console.Output, error.ToString());
    }

    private static TempFolder Planned(string estate = Estate)
    {
        var folder = new TempFolder();
        folder.Write("estate.yaml", estate);
        var (code, _, error) = Run(folder, "plan", "estate.yaml", "--out", "planned");
        code.ShouldBe(ExitCodes.Ok, error);
        return folder;
    }

    [Fact]
    public void Writes_every_file_the_services_need_and_skips_the_daemons_with_no_validate()
    {
        using var folder = Planned();
        var (code, output, error) = Run(folder, "export", "slb", "estate.yaml", "planned/plan.json", "--out", "slb", "--no-validate");
        code.ShouldBe(ExitCodes.Ok, error);
        output.ShouldContain("Wrote 4 files to slb for 2 virtual services: haproxy.cfg, nginx-stream.conf, keepalived-slb-1.conf, keepalived-slb-2.conf");
        output.ShouldContain("Not checked with the daemons (--no-validate).");
        File.ReadAllText(folder.File("slb/haproxy.cfg")).ShouldContain("    server m2-web2 10.1.1.12:80 weight 1 check\n");
        File.ReadAllText(folder.File("slb/nginx-stream.conf")).ShouldContain("listen 10.0.1.123:123 udp reuseport;");
        File.Exists(folder.File("slb/dnsdist.conf")).ShouldBeFalse();
    }

    [Fact]
    public void Each_file_is_checked_by_its_daemon_or_said_to_be_unchecked()
    {
        using var folder = Planned();
        var (code, output, error) = Run(folder, "export", "slb", "estate.yaml", "planned/plan.json", "-o", "slb");
        var haproxy = DaemonValidator.Find("haproxy");
        output.ShouldContain(haproxy is null ? "haproxy.cfg: not checked, haproxy is not installed" : $"haproxy.cfg: accepted by {haproxy}");
        if (haproxy is not null && DaemonValidator.Find("nginx") is not null && DaemonValidator.Find("keepalived") is not null)
        {
            code.ShouldBe(ExitCodes.Ok, output + error);
        }
    }

    [Fact]
    public void An_estate_without_an_access_section_is_bad_input()
    {
        using var folder = Planned(Estate[..Estate.IndexOf("access:", StringComparison.Ordinal)]);
        var (code, _, error) = Run(folder, "export", "slb", "estate.yaml", "planned/plan.json");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("estate.yaml: error: the estate has no 'access' section");
        Directory.Exists(folder.File("shuyaku-out/slb")).ShouldBeFalse();
    }

    [Fact]
    public void An_out_folder_that_is_a_file_cannot_be_written()
    {
        using var folder = Planned();
        folder.Write("taken", "x");
        var (code, _, error) = Run(folder, "export", "slb", "estate.yaml", "planned/plan.json", "--out", "taken", "--no-validate");
        code.ShouldBe(ExitCodes.OutputFailed);
        error.ShouldContain("cannot be a folder");
    }

    [Fact]
    public void Help_names_every_file_and_the_daemons_that_check_them()
    {
        using var folder = new TempFolder();
        var (_, output, _) = Run(folder, "export", "slb", "--help");
        foreach (var word in new[] { "haproxy.cfg", "nginx-stream.conf", "dnsdist.conf", "nftables.conf", "keepalived-NODE.conf", "haproxy -c", "--no-validate", "Exit 0" })
        {
            output.ShouldContain(word);
        }
    }
    [Fact]
    public void The_example_of_the_access_page_prints_what_the_page_shows()
    {
        using var folder = new TempFolder();
        var estate = folder.Write("examples/tdu-2006/estate.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")));
        Run(folder, "plan", estate, "--out", "shuyaku-out").Code.ShouldBe(ExitCodes.Ok);
        var (code, output, error) = Run(folder, "export", "slb", "examples/tdu-2006/estate.yaml", "shuyaku-out/plan.json", "--out", "shuyaku-out/slb");
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "access.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var block = RepositoryPaths.CodeBlocksOf(page, "").Single(b => b.StartsWith("Wrote ", StringComparison.Ordinal));
        var installed = new[] { "haproxy", "nginx", "dnsdist", "nft", "keepalived" }.All(d => DaemonValidator.Find(d) is not null);
        if (installed && Environment.IsPrivilegedProcess)
        {
            code.ShouldBe(ExitCodes.Ok, error);
            output.TrimEnd().Split('\n').Select(l => l.TrimEnd()).ShouldBe(block.TrimEnd().Split('\n').Select(l => l.TrimEnd()));
        }
        else
        {
            output.ShouldStartWith(block.Split('\n')[0]);
        }
    }
}
