using Shuyaku.Core.Access;
using Shuyaku.Core.Import;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Import;

namespace Shuyaku.Core.Tests.Access;

/// <summary>The generators: what each file says for the access section of <see cref="AccessSectionTests.Estate"/>, and what is refused.</summary>
public sealed class GeneratorTests
{
    private static AccessLayer Layer()
    {
        var read = EstateReader.Read(AccessSectionTests.Estate, "estate.yaml");
        read.Errors.ShouldBeEmpty();
        return read.Value!.Access!;
    }

    [Fact]
    public void Haproxy_gets_a_frontend_with_the_abuse_table_and_a_checked_backend_with_weights_and_the_backup()
    {
        var text = HaproxyConfig.Render(Layer()).Text;
        text.ShouldContain("""
            frontend web
                mode http
                bind 10.0.1.10:80
                maxconn 10000
                stick-table type ipv6 size 1m expire 600000ms store gpc0,conn_rate(10000ms),conn_cur,http_req_rate(10000ms)
                tcp-request connection track-sc0 src
                tcp-request connection reject if { sc0_get_gpc0 gt 0 }
                tcp-request connection sc-inc-gpc0(0) if { sc0_conn_rate gt 20 }
                tcp-request connection reject if { sc0_conn_rate gt 20 }
                tcp-request connection reject if { sc0_conn_cur gt 50 }
                http-request sc-inc-gpc0(0) if { sc0_http_req_rate gt 100 }
                http-request tarpit if { sc0_http_req_rate gt 100 }
                default_backend web.members
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        text.ShouldContain("    http-check send meth GET uri /health ver HTTP/1.0\n    http-check expect status 200\n");
        text.ShouldContain("    server m1-web1 10.1.1.11:80 weight 100 check\n    server m2-web2 10.1.1.12:8080 weight 50 check\n    server m3-10.10.1.99-80 10.10.1.99:80 weight 1 check backup\n");
        text.ShouldNotContain("ntp");
    }

    [Fact]
    public void Each_line_knows_the_service_it_comes_from()
    {
        var file = HaproxyConfig.Render(Layer());
        var lines = file.Text.Split('\n');
        file.OriginOf(Array.IndexOf(lines, "frontend web") + 1).ShouldBe("web");
        file.OriginOf(Array.IndexOf(lines, "global") + 1).ShouldBeNull();
        file.OriginOf(0).ShouldBeNull();
        file.OriginOf(lines.Length + 5).ShouldBeNull();
    }

    [Fact]
    public void Nginx_gets_the_udp_services_with_passive_detection_in_whole_seconds()
    {
        var text = NginxStreamConfig.Render(Layer()).Text;
        text.ShouldContain("load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n");
        text.ShouldContain("        server 10.1.1.11:123 weight=1 max_fails=3 fail_timeout=2s;\n");
        text.ShouldContain("        listen 10.0.1.123:123 udp reuseport;\n");
        text.ShouldNotContain("10.0.1.10:80");
    }

    [Fact]
    public void Keepalived_gives_the_higher_priority_node_the_master_state_and_every_virtual_address()
    {
        var layer = Layer();
        var one = KeepalivedConfig.Render(layer, layer.Balancers[0]).Text;
        var two = KeepalivedConfig.Render(layer, layer.Balancers[1]).Text;
        one.ShouldContain("    state MASTER\n");
        one.ShouldContain("    priority 150\n");
        two.ShouldContain("    state BACKUP\n");
        one.ShouldContain("        10.0.1.10/32 dev eth0\n        10.0.1.123/32 dev eth0\n");
        one.ShouldContain("    script \"/usr/bin/pgrep -x haproxy\"\n");
        one.ShouldContain("    script \"/usr/bin/pgrep -x nginx\"\n");
        Should.Throw<ArgumentException>(() => KeepalivedConfig.Render(layer, layer.Balancers[0], ["rm -rf /; true"]));
    }

    [Theory]
    [InlineData(20, 10_000, "2/second")]
    [InlineData(1, 10_000, "6/minute")]
    [InlineData(7, 9_000, "2800/hour")]
    [InlineData(1, 86_400_000, "1/day")]
    [InlineData(5, 7, "715/second")]
    [InlineData(1, 7000, "9/minute")]
    public void Nftables_writes_a_rate_in_the_first_unit_that_makes_it_whole(int count, int periodMs, string expected) =>
        NftablesConfig.Limit(new Rate(count, periodMs)).ShouldBe(expected);

    [Fact]
    public void Dnsdist_turns_security_polling_off_and_bans_over_the_stricter_rate()
    {
        var layer = Layer() with
        {
            Services =
            [
                new VirtualService
                {
                    Id = "dns", Address = "10.0.1.53", Ports = [53], Protocol = ServiceProtocol.Dns,
                    Members = [new Member { Workload = "dns1", Address = "10.1.1.53", Port = 53 }, new Member { Address = "10.1.1.99", Port = 53, Backup = true }],
                    Check = new HealthCheck { Kind = CheckKind.Dns, IntervalMs = 1500 },
                    Abuse = new AbuseLimits { ConnectionRate = new Rate(50, 1000), RequestRate = new Rate(100, 10_000), BanMs = 30_000 },
                },
            ],
        };
        var text = DnsdistConfig.Render(layer).Text;
        text.Split('\n')[1].ShouldBe("setSecurityPollSuffix(\"\")");
        text.ShouldContain("checkInterval = 2,");
        text.ShouldContain("pool = \"dns_backup\"");
        text.ShouldContain("dynamic_dns:setQueryRate(10, 10, \"over the query rate of dns\", 30, DNSAction.Drop)");
        text.ShouldContain("MaxQPSIPRule(50, 32, 64, 50)");
    }

    [Fact]
    public void Values_outside_the_safe_alphabet_are_refused_before_anything_is_written()
    {
        var layer = Layer();
        var bad = layer with
        {
            Services =
            [
                layer.Services[0] with { Id = "web\nglobal" },
                layer.Services[1] with { Members = [new Member { Workload = "a b", Address = "10.1", Port = 1 }] },
            ],
        };
        var (files, problems) = SlbExport.Generate(bad);
        files.ShouldBeEmpty();
        problems.ShouldBe([
            "a service id 'web\\u000aglobal' is outside [a-z0-9][a-z0-9._-]* (at most 63 characters)",
            "service 'ntp' has a member workload 'a b' outside the safe alphabet (letters, digits, '.', '_', '-')",
            "service 'ntp''s member's address '10.1' is not an IP address in its usual text",
        ]);
    }
    [Fact]
    public void Two_service_ids_that_daemon_names_cannot_tell_apart_are_refused()
    {
        var layer = Layer();
        var twins = layer with { Services = [layer.Services[1] with { Id = "ntp-a" }, layer.Services[1] with { Id = "ntp_a", Address = "10.0.1.124" }] };
        SlbExport.Generate(twins).Problems.ShouldBe([
            "services 'ntp-a' and 'ntp_a' differ only in '.', '-' and '_', which nginx, dnsdist and nftables names cannot tell apart: rename one",
        ]);
    }

    [Fact]
    public void Nftables_names_its_sets_with_a_letter_first_whatever_the_service_id()
    {
        var layer = Layer();
        var udp = layer.Services[1] with { Id = "1812", Abuse = new AbuseLimits { ConnectionRate = new Rate(20, 1000), BanMs = 60_000 } };
        var text = NftablesConfig.Render(layer with { Services = [udp] }).Text;
        text.ShouldContain("    set ban_v4_1812 { type ipv4_addr; flags dynamic, timeout; timeout 60000ms; size 65536; }\n");
        text.ShouldContain("        ip daddr 10.0.1.123 udp dport { 123 } update @rate_v4_1812 { ip saddr limit rate over 20/second burst 20 packets } update @ban_v4_1812 { ip saddr } drop\n");
    }
}
