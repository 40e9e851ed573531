using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Shuyaku.Core.Move;

/// <summary>An IPv4 prefix as a 32-bit base address and a length: the arithmetic the network plan needs.</summary>
/// <param name="Base">The network's own address, host bits clear.</param>
/// <param name="Length">The prefix length, 0–32.</param>
internal readonly record struct V4Prefix(uint Base, int Length)
{
    /// <summary>The last address of the prefix.</summary>
    public uint Last => Length == 0 ? uint.MaxValue : Base | (uint.MaxValue >> Length);

    /// <summary>Addresses in the prefix.</summary>
    public ulong Size => 1UL << (32 - Length);

    /// <summary>Whether <paramref name="address"/> lies in the prefix.</summary>
    public bool Contains(uint address) => address >= Base && address <= Last;

    /// <summary>The block of length <paramref name="length"/> (at least this one's) that holds <paramref name="address"/>.</summary>
    public static V4Prefix Block(uint address, int length) => new(length == 0 ? 0 : address & (uint.MaxValue << (32 - length)), length);

    /// <summary>The other half of the block one bit shorter than this one.</summary>
    public V4Prefix Sibling => new(Base ^ (1u << (32 - Length)), Length);

    /// <summary>The CIDR text, 10.10.1.0/24.</summary>
    public override string ToString() => $"{Text(Base)}/{Length.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Dotted-quad text of an address.</summary>
    public static string Text(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    /// <summary>The prefix written in CIDR form, or null when <paramref name="text"/> is not an IPv4 prefix.</summary>
    public static V4Prefix? Parse(string? text)
    {
        if (text is null || !IPNetwork.TryParse(text, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        return new V4Prefix(Address(network.BaseAddress), network.PrefixLength);
    }

    /// <summary>The IPv4 address written in <paramref name="text"/> as a number, or null (IPv6 or not an address).</summary>
    public static uint? ParseAddress(string? text) =>
        text is not null && IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork ? Address(a) : null;

    private static uint Address(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }
}
