using Shuyaku.Core.Model;

namespace Shuyaku.Core.Import;

/// <summary>The CPU, memory and disk keys that servers' hardware and host models share.</summary>
internal sealed class MachineFields(YamlNodes n)
{
    // Bounds that keep every count and product finite (cores × vCPU overcommit).
    private const int MaxSockets = 64;
    private const int MaxCoresPerSocket = 1024;

    public (int? Sockets, int? Cores, double? Clock, double Perf, double? Memory, double Disk) Read(Fields f, string what)
    {
        var sockets = n.Integer(f.Required("sockets"), $"{what}'s sockets", 1, MaxSockets);
        var cores = n.Integer(f.Required("cores"), $"{what}'s cores per socket", 1, MaxCoresPerSocket);
        var clock = n.Quantity(f.Required("clock"), $"{what}'s clock", QuantityKind.Frequency);
        var perf = n.Number(f["perf"], $"{what}'s performance factor", 0) ?? 1;
        var memory = n.Quantity(f.Required("memory"), $"{what}'s memory", QuantityKind.Size);
        var disk = n.Quantity(f["disk"], $"{what}'s disk", QuantityKind.Size) ?? 0;
        if (clock is 0)
        {
            n.Error(f["clock"]!, $"{what}'s clock must be more than zero");
        }

        if (perf == 0)
        {
            n.Error(f["perf"]!, $"{what}'s performance factor must be more than zero");
        }

        if (memory is 0)
        {
            n.Error(f["memory"]!, $"{what}'s memory must be more than zero");
        }

        // A machine with a zero is reported once here; returning no clock keeps it from raising follow-up errors.
        return (sockets, cores, clock is 0 || perf == 0 || memory is 0 ? null : clock, perf, memory, disk);
    }
}
