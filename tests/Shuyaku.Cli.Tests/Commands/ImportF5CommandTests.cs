using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>import f5: the access section on standard output or in a file, the report, and the exit codes.</summary>
public sealed class ImportF5CommandTests : CliFolder
{
    private static readonly string Campus = Path.Combine(RepositoryPaths.Root, "tests", "Shuyaku.Core.Tests", "Import", "F5", "Fixtures", "campus-bigip.conf");

    private const string Small = """
        ltm pool /Common/pool_web {
            members {
                /Common/10.10.1.11:80 {
                    address 10.10.1.11
                }
                /Common/10.10.1.12:80 {
                    address 10.10.1.12
                }
            }
            monitor /Common/tcp
        }
        ltm virtual /Common/vs_web {
            destination /Common/192.0.2.10:443
            pool /Common/pool_web
            rules {
                /Common/r
            }
            source-address-translation {
                type automap
            }
        }
        ltm virtual /Common/vs_any {
            destination /Common/192.0.2.10:any
            pool /Common/pool_web
        }

        """;

    [Fact]
    public void Without_out_the_section_goes_to_standard_output_and_the_report_to_standard_error()
    {
        var conf = Write("bigip.conf", Small);

        var (exit, output, error) = Run("import", "f5", conf);

        exit.ShouldBe(0, error);
        output.ShouldBe("""
            # Translated by 'shuyaku import f5': 1 service from 2 virtual servers.
            # The balancer pair (balancers, vrrp) is not part of a BIG-IP configuration: add it before use.
            access:
              services:
                # ltm virtual /Common/vs_web (line 12)
                - id: vs-web
                  address: 192.0.2.10
                  ports: [443]
                  protocol: https
                  method: roundrobin
                  members:
                    - { address: 10.10.1.11, weight: 1, port: 80 }
                    - { address: 10.10.1.12, weight: 1, port: 80 }
                  check: { kind: tcp, interval: 5s, timeout: 5s, rise: 1, fall: 3 }

            """);
        error.ShouldBe($"""
            Read 2 virtual servers: 1 translated into 1 service, 1 skipped.
            Skipped:
              line 22: ltm virtual /Common/vs_any: listens on every port (/Common/192.0.2.10:any); a virtual service needs its port
            1 warning:
            {conf}:16:9: warning: ltm virtual /Common/vs_web: iRule /Common/r is not translated (Tcl has no equivalent); the service works without it

            """);
    }

    [Fact]
    public void With_out_the_section_is_written_to_the_file_and_the_report_printed()
    {
        var (exit, output, error) = Run("import", "f5", Campus, "-o", "slb/access.yaml");

        exit.ShouldBe(0, error);
        error.ShouldBe("");
        var yaml = File.ReadAllText(Path.Combine(Folder, "slb", "access.yaml"));
        yaml.ShouldStartWith("# Translated by 'shuyaku import f5': 8 services from 10 virtual servers.\n");
        output.ShouldStartWith("Read 10 virtual servers: 9 translated into 8 services, 1 skipped.\nSkipped:\n");
        output.ShouldContain("Not read (6 objects, no equivalent in an access section): auth user 1, ltm default-node-monitor 1, net route-domain 1, net vlan 1, sys db 1, sys global-settings 1.\n");
        output.ShouldContain("7 warnings:\n");
        output.ShouldEndWith("Access section written to slb/access.yaml.\n");
    }

    [Fact]
    public void With_an_estate_members_are_written_as_its_workloads()
    {
        var estate = Write("estate.yaml", """
            sites: [{ id: campus }]
            servers:
              - { id: web-a, site: campus, ip: 10.10.1.11, subnet: 10.10.1.0/24, hardware: { sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB } }
            workloads:
              - { id: www-1, server: web-a, demand: { cpu: 10%, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB }
            """);
        var conf = Write("bigip.conf", Small);

        var (exit, output, error) = Run("import", "f5", conf, "--estate", estate);

        exit.ShouldBe(0, error);
        output.ShouldContain("        - { workload: www-1, weight: 1, port: 80 }\n        - { address: 10.10.1.12, weight: 1, port: 80 }\n");
        error.ShouldContain($"{conf}:6:9: warning: ltm pool /Common/pool_web member /Common/10.10.1.12:80: 10.10.1.12 is no workload's or server's address in the estate; written as an address\n");
    }

    [Fact]
    public void A_syntax_error_is_one_line_with_its_place_and_exit_2()
    {
        Write("bigip.conf", "ltm pool /Common/p {\n    monitor /Common/tcp\n");

        var (exit, output, error) = Run("import", "f5", "bigip.conf");

        exit.ShouldBe(2);
        output.ShouldBe("");
        error.ShouldBe("bigip.conf:1:20: error: the '{' here is never closed: the file ends inside this block; add the missing '}'\n");
    }

    [Fact]
    public void An_unterminated_string_is_bad_input_at_its_quote()
    {
        Write("bigip.conf", "ltm monitor http /Common/m {\n    send \"GET /\n}\n");

        var (exit, _, error) = Run("import", "f5", "bigip.conf");

        exit.ShouldBe(2);
        error.ShouldBe("bigip.conf:2:10: error: unterminated string: the '\"' here is never closed\n");
    }

    [Fact]
    public void Nothing_translatable_exits_1_with_the_report_and_writes_no_file()
    {
        Write("bigip.conf", "ltm virtual /Common/fwd {\n    destination /Common/0.0.0.0:any\n    ip-forward\n}\nltm rule /Common/r {\n    when CLIENT_ACCEPTED { drop }\n}\n");

        var (exit, output, _) = Run("import", "f5", "bigip.conf", "-o", "access.yaml");

        exit.ShouldBe(1);
        output.ShouldBe("""
            Read 1 virtual server: 0 translated into 0 services, 1 skipped.
            Skipped:
              line 1: ltm virtual /Common/fwd: 'ip-forward': the virtual server forwards, rejects or relays traffic; it balances no pool
              line 5: ltm rule /Common/r: iRule (Tcl) not translated: it has no equivalent; the virtual servers using it are warned about
            Nothing could be translated; no access section was written.

            """);
        File.Exists(Path.Combine(Folder, "access.yaml")).ShouldBeFalse();
    }

    [Fact]
    public void A_missing_configuration_is_bad_input()
    {
        var (exit, _, error) = Run("import", "f5", "nowhere.conf");

        exit.ShouldBe(2);
        error.ShouldBe("nowhere.conf: error: the file does not exist: check the path\n");
    }

    [Fact]
    public void An_output_that_is_a_folder_exits_3()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "out"));

        var (exit, _, error) = Run("import", "f5", Campus, "-o", "out");

        exit.ShouldBe(3);
        error.ShouldStartWith("error: cannot write the access section to out: it is a folder; give a file name such as out");
    }

    [Fact]
    public void An_invalid_estate_is_bad_input_and_nothing_is_imported()
    {
        var estate = Write("estate.yaml", "workloads: 3\n");

        var (exit, output, error) = Run("import", "f5", Campus, "--estate", estate);

        exit.ShouldBe(2);
        output.ShouldBe("");
        error.ShouldContain("nothing was imported");
    }

    [Fact]
    public void Help_explains_the_command_its_options_and_exit_codes()
    {
        var (exit, output, _) = Run("import", "f5", "--help");

        exit.ShouldBe(0);
        output.ShouldContain("Usage:");
        output.ShouldContain("--estate");
        output.ShouldContain("-o, --out");
        output.ShouldContain("iRules");
        output.ShouldContain("Exit 0 written, 1 nothing could be translated");
    }
    [Fact]
    public void The_example_of_the_import_page_prints_what_the_page_shows()
    {
        var page = Path.Combine(RepositoryPaths.Root, "docs", "import-f5.md");
        Directory.CreateDirectory(Path.Combine(Folder, "examples", "f5"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "examples", "f5", "bigip.conf"), Path.Combine(Folder, "examples", "f5", "bigip.conf"), overwrite: true);

        var (exit, output, error) = Run("import", "f5", "examples/f5/bigip.conf");

        exit.ShouldBe(0, error);
        output.ShouldBe(RepositoryPaths.CodeBlocks(page, "yaml").Single(b => b.StartsWith("# Translated by 'shuyaku import f5': 2 services", StringComparison.Ordinal)));
        error.ShouldBe(RepositoryPaths.CodeBlocks(page, "text").Single(b => b.StartsWith("Read 2 virtual servers", StringComparison.Ordinal)));
    }
}
