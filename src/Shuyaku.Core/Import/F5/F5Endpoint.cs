using System.Globalization;
using System.Net;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// An address and port as BIG-IP writes them in a destination or a pool member's name: <c>/Common/192.0.2.10:80</c>,
/// <c>/Common/10.1.1.1%2:http</c> (route domain 2, a named port), <c>/Common/2001:db8::10.443</c> (IPv6: the port
/// after a dot), <c>/Common/vip_name:80</c> (a virtual address or node by name).
/// </summary>
/// <param name="Host">The address text without route domain, or the name of a node or virtual address.</param>
/// <param name="Address">The parsed address, or null when <see cref="Host"/> is a name.</param>
/// <param name="RouteDomain">The route domain after '%', 0 when none.</param>
/// <param name="Port">The port, 0 for any port.</param>
internal sealed record F5Endpoint(string Host, IPAddress? Address, int RouteDomain, int Port)
{
    /// <summary>Service names tmsh writes instead of port numbers (those of /etc/services that BIG-IP uses).</summary>
    public static readonly IReadOnlyDictionary<string, int> NamedPorts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["any"] = 0, ["ftp-data"] = 20, ["ftp"] = 21, ["ssh"] = 22, ["telnet"] = 23, ["smtp"] = 25, ["domain"] = 53,
        ["tftp"] = 69, ["gopher"] = 70, ["finger"] = 79, ["http"] = 80, ["kerberos"] = 88, ["pop3"] = 110,
        ["sunrpc"] = 111, ["ident"] = 113, ["nntp"] = 119, ["ntp"] = 123, ["netbios-ns"] = 137, ["netbios-dgm"] = 138,
        ["netbios-ssn"] = 139, ["imap"] = 143, ["snmp"] = 161, ["snmptrap"] = 162, ["bgp"] = 179, ["ldap"] = 389,
        ["https"] = 443, ["microsoft-ds"] = 445, ["isakmp"] = 500, ["syslog"] = 514, ["submission"] = 587,
        ["smtps"] = 465, ["ldaps"] = 636, ["imaps"] = 993, ["pop3s"] = 995, ["ms-sql-s"] = 1433, ["radius"] = 1812,
        ["radius-acct"] = 1813, ["nfs"] = 2049, ["mysql"] = 3306, ["ms-wbt-server"] = 3389, ["sip"] = 5060,
        ["http-alt"] = 8080, ["webcache"] = 8080,
    };

    /// <summary>The address as text (route domain left out), or the name.</summary>
    public string HostText => Address?.ToString() ?? Host;

    /// <summary>Whether the address is a wildcard (0.0.0.0, ::, any), which a forwarding virtual server uses.</summary>
    public bool IsWildcard => Host is "any" or "any6" or "0.0.0.0" || Address is { } a && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any));

    /// <summary>Reads <paramref name="text"/>, or returns null with the sentence saying why it is not an endpoint.</summary>
    public static F5Endpoint? Parse(string text, out string error)
    {
        error = "";
        var rest = text[(text.LastIndexOf('/') + 1)..];
        var colons = rest.Count(c => c == ':');
        var split = colons == 1 ? rest.IndexOf(':', StringComparison.Ordinal) : colons > 1 ? rest.LastIndexOf('.') : -1;
        if (split <= 0 || split == rest.Length - 1)
        {
            error = Texts.Format("import.f5.endpoint.malformed", text);
            return null;
        }

        if (ParsePort(rest[(split + 1)..]) is not { } port)
        {
            error = Texts.Format("import.f5.endpoint.port", rest[(split + 1)..], text);
            return null;
        }

        var (host, domain) = SplitRouteDomain(rest[..split], out var bad);
        if (bad)
        {
            error = Texts.Format("import.f5.endpoint.route-domain", text);
            return null;
        }

        return new F5Endpoint(host, ParseAddress(host), domain, port);
    }

    /// <summary>An address with an optional route domain (<c>10.1.1.1%2</c>) as host text and domain; <paramref name="bad"/> when the domain is not a number.</summary>
    public static (string Host, int Domain) SplitRouteDomain(string text, out bool bad)
    {
        bad = false;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent < 0)
        {
            return (text, 0);
        }

        var digits = text[(percent + 1)..];
        if (digits.Length is 0 or > 5 || !digits.All(char.IsAsciiDigit))
        {
            bad = true;
            return (text, 0);
        }

        return (text[..percent], int.Parse(digits, CultureInfo.InvariantCulture));
    }

    /// <summary>An IPv4 address in dotted quads or an IPv6 address, or null.</summary>
    public static IPAddress? ParseAddress(string text) => IpText.V4(text) ?? IpText.V6(text);

    /// <summary>A port number 0–65535 or a named port, or null.</summary>
    public static int? ParsePort(string text)
    {
        if (text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit))
        {
            var n = int.Parse(text, CultureInfo.InvariantCulture);
            return n <= 65535 ? n : null;
        }

        return NamedPorts.TryGetValue(text, out var named) ? named : null;
    }
}
