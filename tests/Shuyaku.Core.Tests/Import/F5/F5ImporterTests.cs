using System.Text;
using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Tests.Import.F5;

/// <summary>Each translation rule of docs/import-f5.md on a small configuration of its own.</summary>
public sealed class F5ImporterTests
{
    internal static F5Import Import(string conf, Estate? estate = null)
    {
        var result = F5Importer.Import("bigip.conf", Encoding.UTF8.GetBytes(conf), estate);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    internal static string Warnings(F5Import import) => string.Join("\n", import.Warnings.Select(w => w.ToString()));

    /// <summary>One virtual server on <paramref name="destination"/> over a two-member pool, with extra virtual and pool properties.</summary>
    private static string Conf(string destination = "/Common/192.0.2.10:80", string virtualExtra = "", string poolExtra = "", string members = "", string rest = "") =>
        $$"""
        ltm pool /Common/p {
            members {
                {{(members.Length > 0 ? members : "/Common/10.1.1.1:80 {\n            address 10.1.1.1\n        }\n        /Common/10.1.1.2:80 {\n            address 10.1.1.2\n        }")}}
            }
            monitor /Common/tcp
            {{poolExtra}}
        }
        ltm virtual /Common/v {
            destination {{destination}}
            pool /Common/p
            source-address-translation {
                type automap
            }
            {{virtualExtra}}
        }
        {{rest}}
        """;

    private static string Yaml(string conf, Estate? estate = null) => Import(conf, estate).Yaml!;

    [Theory]
    [InlineData("/Common/192.0.2.10:80", "tcp", "profiles {\n /Common/http { }\n /Common/tcp { }\n }", "http")]
    [InlineData("/Common/192.0.2.10:8080", "tcp", "profiles { /Common/fastHTTP { } }", "http")]
    [InlineData("/Common/192.0.2.10:443", "tcp", "", "https")]
    [InlineData("/Common/192.0.2.10:80", "tcp", "", "tcp")]
    [InlineData("/Common/192.0.2.10:smtp", "tcp", "", "smtp")]
    [InlineData("/Common/192.0.2.10:110", "tcp", "", "pop3")]
    [InlineData("/Common/192.0.2.10:imap", "tcp", "", "imap")]
    [InlineData("/Common/192.0.2.10:domain", "udp", "", "dns")]
    [InlineData("/Common/192.0.2.10:53", "tcp", "", "dns")]
    [InlineData("/Common/192.0.2.10:5353", "udp", "profiles { /Common/dns { } }", "dns")]
    [InlineData("/Common/192.0.2.10:ntp", "udp", "", "ntp")]
    [InlineData("/Common/192.0.2.10:radius", "udp", "", "radius")]
    [InlineData("/Common/192.0.2.10:1645", "udp", "", "radius")]
    [InlineData("/Common/192.0.2.10:514", "udp", "", "udp")]
    [InlineData("/Common/192.0.2.10:3306", "tcp", "", "tcp")]
    public void The_protocol_comes_from_the_profiles_and_else_from_the_port_and_transport(string destination, string transport, string profiles, string protocol)
    {
        Yaml(Conf(destination, $"ip-protocol {transport}\n{profiles}")).ShouldContain($"\n      protocol: {protocol}\n");
    }

    [Fact]
    public void A_client_ssl_profile_makes_https_pass_through_with_a_warning()
    {
        var import = Import(Conf("/Common/192.0.2.10:443", "profiles {\n /Common/clientssl { context clientside }\n /Common/http { }\n }"));

        import.Yaml!.ShouldContain("\n      protocol: https\n");
        Warnings(import).ShouldBe("bigip.conf:13:1: ltm virtual /Common/v: TLS offload (/Common/clientssl) is not carried: the service is HTTPS pass-through, so the members must terminate TLS themselves");
    }

    [Fact]
    public void A_declared_http_profile_is_known_by_its_type_whatever_its_name()
    {
        Yaml(Conf(virtualExtra: "profiles {\n /Common/my_web { }\n }", rest: "ltm profile http /Common/my_web {\n defaults-from /Common/http\n}\n"))
            .ShouldContain("\n      protocol: http\n");
    }

    [Theory]
    [InlineData("", "roundrobin")]
    [InlineData("load-balancing-mode round-robin", "roundrobin")]
    [InlineData("load-balancing-mode least-connections-member", "leastconn")]
    [InlineData("load-balancing-mode least-connections-node", "leastconn")]
    [InlineData("load-balancing-mode ratio-member", "roundrobin")]
    [InlineData("load-balancing-mode ratio-least-connections-member", "leastconn")]
    public void Methods_with_an_equivalent_translate_without_a_warning(string mode, string method)
    {
        var import = Import(Conf(poolExtra: mode));

        import.Yaml!.ShouldContain($"\n      method: {method}\n");
        import.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("observed-member", "leastconn", "bigip.conf:11:5: ltm pool /Common/p: load-balancing-mode observed-member has no equivalent; the nearest is least connections (leastconn)")]
    [InlineData("weighted-least-connections-member", "leastconn", "bigip.conf:11:5: ltm pool /Common/p: load-balancing-mode weighted-least-connections-member weighs by connection limits; the nearest is least connections (leastconn) with equal weights")]
    [InlineData("ratio-session", "roundrobin", "bigip.conf:11:5: ltm pool /Common/p: load-balancing-mode ratio-session has no equivalent; the nearest is weighted round robin (roundrobin with the member ratios as weights)")]
    [InlineData("coin-toss", "roundrobin", "bigip.conf:11:5: ltm pool /Common/p: load-balancing-mode 'coin-toss' is not known; round robin (roundrobin) is used")]
    public void Other_methods_become_the_nearest_with_a_warning(string mode, string method, string warning)
    {
        var import = Import(Conf(poolExtra: "load-balancing-mode " + mode));

        import.Yaml!.ShouldContain($"\n      method: {method}\n");
        Warnings(import).ShouldBe(warning);
    }

    [Fact]
    public void Ratios_are_weights_when_the_mode_uses_them_and_clamped_to_1_to_256()
    {
        var import = Import(Conf(poolExtra: "load-balancing-mode ratio-member",
            members: "/Common/10.1.1.1:80 { address 10.1.1.1 ratio 300 }\n/Common/10.1.1.2:80 { address 10.1.1.2 ratio 7 }"));

        import.Yaml!.ShouldContain("        - { address: 10.1.1.1, weight: 256, port: 80 }\n        - { address: 10.1.1.2, weight: 7, port: 80 }\n");
        Warnings(import).ShouldBe("bigip.conf:3:9: ltm pool /Common/p member /Common/10.1.1.1:80: ratio 300 is outside the weights 1–256; weight 256");
    }

    [Fact]
    public void Ratios_unused_by_round_robin_give_weight_1_with_a_warning()
    {
        var import = Import(Conf(members: "/Common/10.1.1.1:80 { address 10.1.1.1 ratio 5 }"));

        import.Yaml!.ShouldContain("        - { address: 10.1.1.1, weight: 1, port: 80 }\n");
        Warnings(import).ShouldBe("bigip.conf:3:9: ltm pool /Common/p member /Common/10.1.1.1:80: ratio 5 is unused by the pool's load-balancing mode on the BIG-IP; weight 1");
    }

    [Fact]
    public void Ratio_node_takes_the_weights_from_the_nodes()
    {
        var import = Import(Conf(poolExtra: "load-balancing-mode ratio-node", rest: "ltm node /Common/10.1.1.2 {\n address 10.1.1.2\n ratio 4\n}\n"));

        import.Yaml!.ShouldContain("        - { address: 10.1.1.1, weight: 1, port: 80 }\n        - { address: 10.1.1.2, weight: 4, port: 80 }\n");
    }

    [Fact]
    public void Members_below_the_top_priority_group_are_backups_when_priority_group_activation_is_on()
    {
        var members = "/Common/10.1.1.1:80 { address 10.1.1.1 priority-group 10 }\n/Common/10.1.1.2:80 { address 10.1.1.2 priority-group 5 }";

        Yaml(Conf(poolExtra: "min-active-members 1", members: members))
            .ShouldContain("        - { address: 10.1.1.1, weight: 1, port: 80 }\n        - { address: 10.1.1.2, weight: 1, port: 80, backup: true }\n");
        Yaml(Conf(members: members)).ShouldNotContain("backup");
    }

    [Fact]
    public void Three_priority_groups_or_a_min_active_above_1_are_warned_about()
    {
        var members = "/Common/10.1.1.1:80 { address 10.1.1.1 priority-group 10 }\n/Common/10.1.1.2:80 { address 10.1.1.2 priority-group 5 }\n/Common/10.1.1.3:80 { address 10.1.1.3 priority-group 1 }";

        var import = Import(Conf(poolExtra: "min-active-members 2", members: members));

        import.Yaml!.ShouldContain("10.1.1.2, weight: 1, port: 80, backup: true }\n        - { address: 10.1.1.3, weight: 1, port: 80, backup: true }");
        Warnings(import).ShouldBe(
            "bigip.conf:1:1: ltm pool /Common/p: priority groups 5, 1 below the top group 10 become one tier of backups\n" +
            "bigip.conf:8:5: ltm pool /Common/p: min-active-members 2: the BIG-IP activated the next priority group when fewer than 2 members were up; backups now take over only when every primary is down");
    }

    [Fact]
    public void Disabled_and_forced_offline_members_are_left_out_with_a_warning()
    {
        var import = Import(Conf(members: "/Common/10.1.1.1:80 { address 10.1.1.1 session user-disabled }\n/Common/10.1.1.2:80 { address 10.1.1.2 state user-down }\n/Common/10.1.1.3:80 { address 10.1.1.3 }"));

        import.Yaml!.ShouldContain("      members:\n        - { address: 10.1.1.3, weight: 1, port: 80 }\n      check:");
        Warnings(import).ShouldBe(
            "bigip.conf:3:9: ltm pool /Common/p member /Common/10.1.1.1:80: the member is disabled (session user-disabled) on the BIG-IP; member left out\n" +
            "bigip.conf:4:1: ltm pool /Common/p member /Common/10.1.1.2:80: the member is forced offline (state user-down) on the BIG-IP; member left out");
    }

    [Fact]
    public void A_pool_with_no_enabled_member_makes_its_virtual_server_skipped()
    {
        var import = Import(Conf(members: "/Common/10.1.1.1:80 { address 10.1.1.1 session user-disabled }"));

        import.Yaml.ShouldBeNull();
        import.Skipped.Single().ShouldBe(new F5Skipped("ltm virtual /Common/v", 8, "pool /Common/p has no enabled member with an address"));
    }

    [Fact]
    public void A_member_named_by_its_node_takes_the_nodes_address_and_a_member_on_any_port_the_services()
    {
        Yaml(Conf(members: "/Common/web1:0 { }", rest: "ltm node /Common/web1 {\n address 10.9.9.9\n}\n"))
            .ShouldContain("      members:\n        - { address: 10.9.9.9, weight: 1, port: 80 }\n");
    }

    [Fact]
    public void Persistence_by_source_address_keeps_its_timeout_inherited_or_built_in()
    {
        Yaml(Conf(virtualExtra: "persist { /Common/source_addr { default yes } }")).ShouldContain("\n      persistence: { kind: source, timeout: 3min }\n");
        Yaml(Conf(virtualExtra: "persist { /Common/p30 { default yes } }", rest: "ltm persistence source-addr /Common/p30 {\n defaults-from /Common/source_addr\n timeout 1800\n}\n"))
            .ShouldContain("\n      persistence: { kind: source, timeout: 30min }\n");
        Yaml(Conf(virtualExtra: "persist { /Common/p1 { default yes } }", rest: "ltm persistence source-addr /Common/p1 {\n defaults-from /Common/source_addr\n timeout 3700\n}\n"))
            .ShouldContain("\n      persistence: { kind: source, timeout: 3700s }\n");
    }

    [Fact]
    public void Cookie_persistence_is_kept_for_http_and_dropped_with_a_warning_elsewhere()
    {
        Yaml(Conf(virtualExtra: "profiles { /Common/http { } }\npersist { /Common/cookie { default yes } }")).ShouldContain("\n      persistence: { kind: cookie }\n");

        var import = Import(Conf(virtualExtra: "persist { /Common/cookie { default yes } }"));
        import.Yaml!.ShouldNotContain("persistence");
        Warnings(import).ShouldBe("bigip.conf:19:5: ltm virtual /Common/v: cookie persistence /Common/cookie needs HTTP, and this is a tcp service; no persistence");
    }

    [Fact]
    public void Other_persistence_has_no_equivalent_and_is_warned_about()
    {
        var import = Import(Conf(virtualExtra: "persist { /Common/universal { default yes } }"));

        Warnings(import).ShouldBe("bigip.conf:19:5: ltm virtual /Common/v: persistence /Common/universal (universal) has no equivalent; no persistence");
    }

    [Fact]
    public void An_http_monitor_gives_path_and_status_from_its_send_and_recv_strings()
    {
        var rest = "ltm monitor http /Common/h {\n    defaults-from /Common/http\n    send \"GET /status/ping HTTP/1.0\\r\\n\\r\\n\"\n    recv \"^HTTP/1\\\\.[01] 204\"\n    interval 10\n    timeout 31\n    time-until-up 20\n}\n";

        var import = Import(Conf(virtualExtra: "profiles { /Common/http { } }", poolExtra: "monitor /Common/h", rest: rest).Replace("    monitor /Common/tcp\n", ""));

        import.Yaml!.ShouldContain("\n      check: { kind: http, path: /status/ping, status: 204, interval: 10s, timeout: 10s, rise: 3, fall: 3 }\n");
        import.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("200 OK", 200, "")]
    [InlineData("HTTP/1.1 302 Found", 302, "")]
    [InlineData("Server is UP", 200, "bigip.conf:10:5: ltm pool /Common/p: monitor /Common/h expects 'Server is UP', not a plain status; the check expects status 200")]
    [InlineData("", 200, "bigip.conf:10:5: ltm pool /Common/p: monitor /Common/h accepts any response; the check expects status 200")]
    public void An_http_monitors_recv_string_is_a_status_only_where_it_is_simple(string recv, int status, string warning)
    {
        var rest = $"ltm monitor http /Common/h {{\n    send \"GET /health HTTP/1.0\\r\\n\\r\\n\"\n    recv \"{recv}\"\n}}\n";

        var import = Import(Conf(virtualExtra: "profiles { /Common/http { } }", rest: rest).Replace("monitor /Common/tcp", "monitor /Common/h"));

        import.Yaml!.ShouldContain($"check: {{ kind: http, path: /health, status: {status}, interval: 5s, timeout: 5s, rise: 1, fall: 3 }}");
        Warnings(import).ShouldBe(warning);
    }

    [Fact]
    public void A_head_request_or_headers_in_the_send_string_are_warned_about()
    {
        var import = Import(Conf(virtualExtra: "profiles { /Common/http { } }").Replace("monitor /Common/tcp", "monitor /Common/http_head_f5"));

        import.Yaml!.ShouldContain("check: { kind: http, path: /, status: 200,");
        Warnings(import).ShouldBe(
            "bigip.conf:10:5: ltm pool /Common/p: monitor /Common/http_head_f5 sends HEAD; the check sends GET\n" +
            "bigip.conf:10:5: ltm pool /Common/p: monitor /Common/http_head_f5 accepts any response; the check expects status 200");
    }

    [Theory]
    [InlineData("smtp", "/Common/smtp", "{ kind: smtp, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("pop3", "/Common/pop3", "{ kind: pop3, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("imap", "/Common/imap", "{ kind: imap, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("https", "/Common/tcp_half_open", "{ kind: tcp, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("domain", "/Common/d", "{ kind: dns, name: example.org, type: AAAA, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("domain", "/Common/tcp", "{ kind: dns, interval: 5s, timeout: 5s, rise: 1, fall: 3 }")]
    [InlineData("ntp", "/Common/udp", "{ kind: none }")]
    public void Monitors_become_the_check_of_their_kind(string port, string monitor, string check)
    {
        var conf = Conf($"/Common/192.0.2.10:{port}", port is "domain" or "ntp" ? "ip-protocol udp" : "", rest: "ltm monitor dns /Common/d {\n qname example.org\n qtype aaaa\n}\n")
            .Replace("monitor /Common/tcp", "monitor " + monitor);

        Yaml(conf).ShouldContain("\n      check: " + check + "\n");
    }

    [Fact]
    public void A_pool_without_a_monitor_leaves_the_protocols_default_check_with_a_warning()
    {
        var import = Import(Conf().Replace("    monitor /Common/tcp\n", ""));

        import.Yaml!.ShouldNotContain("check:");
        Warnings(import).ShouldBe("bigip.conf:1:1: ltm pool /Common/p: no monitor, so the BIG-IP never marked a member down; the tcp protocol's default check applies");
    }

    [Fact]
    public void Of_several_monitors_the_richest_is_kept_and_others_of_equal_rank_are_warned_about()
    {
        var import = Import(Conf("/Common/192.0.2.10:25", rest: "ltm monitor smtp /Common/s2 {\n domain example.org\n}\n")
            .Replace("monitor /Common/tcp", "monitor /Common/smtp and /Common/s2 and /Common/gateway_icmp and /Common/tcp"));

        import.Yaml!.ShouldContain("check: { kind: smtp,");
        Warnings(import).ShouldBe("bigip.conf:10:5: ltm pool /Common/p: monitor /Common/s2 is not carried: a service has one check, /Common/smtp's");
    }

    [Fact]
    public void A_min_of_monitor_list_keeps_one_check_with_a_warning()
    {
        var import = Import(Conf(virtualExtra: "profiles { /Common/http { } }").Replace("monitor /Common/tcp", "monitor min 1 of { /Common/http /Common/https }"));

        import.Yaml!.ShouldContain("check: { kind: http,");
        Warnings(import).ShouldBe(
            "bigip.conf:10:5: ltm pool /Common/p: 'min 1 of' 2 monitors has no equivalent; one check is kept\n" +
            "bigip.conf:10:5: ltm pool /Common/p: monitor /Common/http accepts any response; the check expects status 200");
    }

    [Fact]
    public void Connection_limits_of_the_virtual_server_are_kept_and_per_member_ones_warned_about()
    {
        var import = Import(Conf(virtualExtra: "connection-limit 5000", members: "/Common/10.1.1.1:80 { address 10.1.1.1 connection-limit 100 }"));

        import.Yaml!.ShouldContain("\n      maxConnections: 5000\n");
        Warnings(import).ShouldBe("bigip.conf:3:9: ltm pool /Common/p member /Common/10.1.1.1:80: member connection-limit 100 has no per-member equivalent; not carried");
    }

    [Theory]
    [InlineData("/Common/192.0.2.10:80", "disabled", "disabled on the BIG-IP")]
    [InlineData("/Common/0.0.0.0:any", "ip-forward", "'ip-forward': the virtual server forwards, rejects or relays traffic; it balances no pool")]
    [InlineData("/Common/0.0.0.0:80", "", "wildcard destination /Common/0.0.0.0:80: a forwarding virtual server, not a service")]
    [InlineData("/Common/192.0.2.10:any", "", "listens on every port (/Common/192.0.2.10:any); a virtual service needs its port")]
    [InlineData("/Common/192.0.2.0:80", "mask 255.255.255.0", "a network virtual server (mask 255.255.255.0) serves a range of addresses, not one")]
    [InlineData("/Common/192.0.2.10:80", "ip-protocol sctp", "ip-protocol sctp is neither TCP nor UDP")]
    [InlineData("/Common/vip_missing:80", "", "destination /Common/vip_missing:80 names no address (no virtual-address /Common/vip_missing with one)")]
    [InlineData("/Common/192.0.2.10", "", "'/Common/192.0.2.10' is not an address and port (such as /Common/192.0.2.10:80 or /Common/2001:db8::10.80)")]
    public void Virtual_servers_that_are_no_service_are_skipped_with_the_reason(string destination, string extra, string reason)
    {
        var import = Import(Conf(destination, extra));

        import.Yaml.ShouldBeNull();
        import.Skipped.Single().Reason.ShouldBe(reason);
    }

    [Fact]
    public void A_virtual_server_without_pool_or_with_an_undefined_one_is_skipped()
    {
        var import = Import("ltm virtual /Common/a { destination /Common/192.0.2.1:80 }\nltm virtual /Common/b { destination /Common/192.0.2.2:80 pool /Common/nowhere }\n");

        import.Skipped.Select(s => s.Reason).ShouldBe([
            "has no default pool: its traffic is forwarded, rejected or sent to a pool chosen by an iRule",
            "its pool /Common/nowhere is not defined in this file",
        ]);
        (import.VirtualServers, import.Translated).ShouldBe((2, 0));
    }

    [Fact]
    public void A_destination_naming_a_virtual_address_takes_its_address()
    {
        Yaml(Conf("/Common/vip_www:443", rest: "ltm virtual-address /Common/vip_www {\n address 192.0.2.44\n mask 255.255.255.255\n}\n"))
            .ShouldContain("\n      address: 192.0.2.44\n      ports: [443]\n");
    }

    [Fact]
    public void An_ipv6_destination_is_address6_and_a_route_domain_is_dropped_with_a_warning()
    {
        Yaml(Conf("/Common/2001:db8::10.80")).ShouldContain("\n      address6: \"2001:db8::10\"\n      ports: [80]\n");

        var import = Import(Conf("/Common/10.0.0.80%7:80"));
        import.Yaml!.ShouldContain("\n      address: 10.0.0.80\n");
        Warnings(import).ShouldBe("bigip.conf:13:1: ltm virtual /Common/v: route domain 7 dropped; the address 10.0.0.80 is served in the balancers' routing table");
    }

    [Fact]
    public void Irules_are_warned_about_on_the_virtual_server_and_listed_as_skipped()
    {
        var import = Import(Conf(virtualExtra: "rules {\n /Common/r\n }", rest: "ltm rule /Common/r {\n when CLIENT_ACCEPTED { drop }\n}\n"));

        Warnings(import).ShouldBe("bigip.conf:20:2: ltm virtual /Common/v: iRule /Common/r is not translated (Tcl has no equivalent); the service works without it");
        import.Skipped.Single().ShouldBe(new F5Skipped("ltm rule /Common/r", 23, "iRule (Tcl) not translated: it has no equivalent; the virtual servers using it are warned about"));
    }

    [Fact]
    public void Without_snat_or_with_a_snat_pool_the_change_of_client_address_is_warned_about()
    {
        var none = Import(Conf().Replace("type automap", "type none"));
        var pool = Import(Conf().Replace("type automap", "type snat\n pool /Common/snat_out"));

        Warnings(none).ShouldBe("bigip.conf:13:1: ltm virtual /Common/v: without SNAT the members saw the clients' addresses; through the proxy they see the balancer's");
        Warnings(pool).ShouldBe("bigip.conf:13:1: ltm virtual /Common/v: SNAT pool /Common/snat_out is not carried; members see the balancer's own address");
    }

    [Fact]
    public void System_network_and_other_objects_are_counted_not_read()
    {
        var import = Import(Conf(rest: "sys db a { value 1 }\nsys db b { value 2 }\nnet self /Common/s { address 10.0.0.1/24 }\ngtm wideip a /Common/www.example.org { }\n"));

        import.NotRead.ShouldBe(new Dictionary<string, int> { ["sys db"] = 2 });
        import.Skipped.Single().Reason.ShouldBe("GTM (global DNS load balancing) has no equivalent");
    }

    [Fact]
    public void Self_ips_suggest_the_balancer_pair_and_floating_ones_are_named()
    {
        var import = Import(Conf(rest: "net self /Common/own { address 10.0.0.2%1/24 traffic-group /Common/traffic-group-local-only }\n" +
                                       "net self /Common/float { address 10.0.0.1/24 traffic-group /Common/traffic-group-1 }\n"));

        var yaml = import.Yaml!;
        yaml.ShouldContain("#    - { id: bigip-1, site: SITE, address: 10.0.0.2, priority: 150 }   # net self /Common/own (line ");
        yaml.ShouldContain("# Floating self IP 10.0.0.1 (net self /Common/float (line ");
        import.NotRead.ShouldNotContainKey("net self");
        yaml.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).First().ShouldBe("access:"); // the suggestion stays a comment
    }

    [Fact]
    public void A_file_without_virtual_servers_says_so()
    {
        var import = Import("sys global-settings { hostname a }\n");

        import.Yaml.ShouldBeNull();
        Warnings(import).ShouldBe("bigip.conf:1:1: the configuration holds no virtual server (ltm virtual): nothing to translate");
    }

    [Theory]
    [InlineData("/Common/vs_Web", "vs-web")]
    [InlineData("/Tenant_A/app/vs", "tenant-a-app-vs")]
    [InlineData("/Common/__x__", "x")]
    [InlineData("/Common/***", "service")]
    public void Ids_are_sanitised_to_the_access_alphabet(string name, string id)
    {
        F5Importer.UniqueId(name, []).ShouldBe(id);
    }

    [Fact]
    public void Ids_are_unique_and_at_most_63_characters()
    {
        var taken = new HashSet<string>();
        var longName = "/Common/" + new string('a', 80);

        F5Importer.UniqueId("/Common/vs_web", taken).ShouldBe("vs-web");
        F5Importer.UniqueId("/Common/vs-web", taken).ShouldBe("vs-web-2");
        F5Importer.UniqueId(longName, taken).ShouldBe(new string('a', 63));
        F5Importer.UniqueId(longName, taken).ShouldBe(new string('a', 61) + "-2");
    }

    [Fact]
    public void Dns_over_udp_and_tcp_on_one_address_and_pool_is_one_service()
    {
        var conf = Conf("/Common/192.0.2.53:53", "ip-protocol udp") +
                   "\nltm virtual /Common/v_tcp {\n    destination /Common/192.0.2.53:53\n    ip-protocol tcp\n    pool /Common/p\n    source-address-translation { type automap }\n}\n";

        var import = Import(conf);

        (import.Translated, import.Services).ShouldBe((2, 1));
        import.Yaml!.ShouldContain("    # ltm virtual /Common/v (line 13) and ltm virtual /Common/v_tcp (line 22)\n    - id: v\n");
    }
    [Fact]
    public void Quoted_names_with_spaces_are_read_and_give_sanitised_ids()
    {
        var import = Import("ltm pool \"/Common/web pool\" {\n    members {\n        /Common/10.1.1.1:80 {\n            address 10.1.1.1\n        }\n    }\n    monitor /Common/tcp\n}\n" +
                            "ltm virtual \"/Common/Web Site (main)\" {\n    destination /Common/192.0.2.10:80\n    pool \"/Common/web pool\"\n    source-address-translation {\n        type automap\n    }\n}\n");

        import.Yaml!.ShouldContain("    # ltm virtual /Common/Web Site (main) (line 9)\n    - id: web-site-main\n");
    }

    [Fact]
    public void A_ratio_too_large_for_any_number_is_clamped_with_a_warning()
    {
        var import = Import(Conf(poolExtra: "load-balancing-mode ratio-member", members: "/Common/10.1.1.1:80 { address 10.1.1.1 ratio 99999999999999999999 }"));

        import.Yaml!.ShouldContain("{ address: 10.1.1.1, weight: 256, port: 80 }");
        Warnings(import).ShouldBe("bigip.conf:3:9: ltm pool /Common/p member /Common/10.1.1.1:80: ratio 99999999999999999999 is outside the weights 1–256; weight 256");
    }
}
