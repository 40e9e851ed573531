using Shuyaku.Core.Import.F5;

namespace Shuyaku.Core.Tests.Import.F5;

public sealed class F5EndpointTests
{
    [Theory]
    [InlineData("/Common/192.0.2.10:80", "192.0.2.10", 0, 80)]
    [InlineData("192.0.2.10:https", "192.0.2.10", 0, 443)]
    [InlineData("/Common/10.1.1.1%2:domain", "10.1.1.1", 2, 53)]
    [InlineData("/Common/2001:db8::10.80", "2001:db8::10", 0, 80)]
    [InlineData("/Common/2001:db8::10%3.ntp", "2001:db8::10", 3, 123)]
    [InlineData("/Tenant/app/10.0.0.5:radius", "10.0.0.5", 0, 1812)]
    [InlineData("/Common/0.0.0.0:any", "0.0.0.0", 0, 0)]
    public void Destinations_give_address_route_domain_and_port(string text, string address, int domain, int port)
    {
        var e = F5Endpoint.Parse(text, out var error)!;

        error.ShouldBe("");
        (e.HostText, e.RouteDomain, e.Port).ShouldBe((address, domain, port));
    }

    [Fact]
    public void A_named_host_is_kept_as_a_name_for_the_node_or_virtual_address()
    {
        var e = F5Endpoint.Parse("/Common/web1:8080", out _)!;

        (e.Host, e.Address, e.Port).ShouldBe(("web1", null, 8080));
    }

    [Theory]
    [InlineData("/Common/192.0.2.10", "'/Common/192.0.2.10' is not an address and port (such as /Common/192.0.2.10:80 or /Common/2001:db8::10.80)")]
    [InlineData("/Common/192.0.2.10:gopherz", "'gopherz' in '/Common/192.0.2.10:gopherz' is not a port number or a known service name")]
    [InlineData("/Common/192.0.2.10:70000", "'70000' in '/Common/192.0.2.10:70000' is not a port number or a known service name")]
    [InlineData("/Common/10.1.1.1%x:80", "'/Common/10.1.1.1%x:80' has a route domain that is not a number after '%'")]
    public void A_malformed_endpoint_says_what_is_wrong(string text, string message)
    {
        F5Endpoint.Parse(text, out var error).ShouldBeNull();
        error.ShouldBe(message);
    }
}
