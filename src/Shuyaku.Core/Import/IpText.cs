using System.Globalization;
using System.Net;
using System.Net.Sockets;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>
/// Strict reading of the addresses and prefixes of the network sections: IPv4 only in dotted quads ("10.1" is not
/// taken as 10.0.0.1, as <see cref="IPAddress.TryParse(string, out IPAddress)"/> would), IPv6 in its usual text,
/// prefixes in CIDR form with no host bits set.
/// </summary>
internal static class IpText
{
    /// <summary>An IPv4 address written as four decimal numbers 0–255, or null.</summary>
    public static IPAddress? V4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        return IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork ? a : null;
    }

    /// <summary>An IPv6 address in its usual text (no zone), or null.</summary>
    public static IPAddress? V6(string text) =>
        text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal)
        && IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? a : null;

    /// <summary>
    /// A prefix of <paramref name="family"/> in CIDR form, or null with the sentence saying what is wrong with
    /// <paramref name="what"/> (the field, as the estate reader names it).
    /// </summary>
    public static IPNetwork? Network(string text, AddressFamily family, string what, out string error)
    {
        error = "";
        var v6 = family == AddressFamily.InterNetworkV6;
        var example = v6 ? "2001:db8:10::/64" : "10.10.1.0/24";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? null : v6 ? V6(text[..slash]) : V4(text[..slash]);
        var max = v6 ? 128 : 32;
        var lengthText = slash < 0 ? "" : text[(slash + 1)..];
        if (address is null || lengthText.Length is 0 or > 3 || !lengthText.All(char.IsAsciiDigit)
            || int.Parse(lengthText, CultureInfo.InvariantCulture) is var length && length > max)
        {
            error = F("estate.ip.not-prefix", what, text, v6 ? "IPv6" : "IPv4", example);
            return null;
        }

        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        var network = new IPNetwork(new IPAddress(bytes), length);
        if (!network.BaseAddress.Equals(address))
        {
            error = F("estate.ip.host-bits", what, text, length, network);
            return null;
        }

        return network;
    }

    /// <summary>Whether one of the two prefixes holds the other (they share at least one address).</summary>
    public static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
