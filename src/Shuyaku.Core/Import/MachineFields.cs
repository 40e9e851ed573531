using Shuyaku.Core.Model;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>The CPU, memory and disk keys that servers' hardware and host models share.</summary>
internal sealed class MachineFields(YamlNodes n)
{
    // Bounds that keep every count and product finite (cores × vCPU overcommit).
    private const int MaxSockets = 64;
    private const int MaxCoresPerSocket = 1024;

    public (int? Sockets, int? Cores, double? Clock, double Perf, double? Memory, double Disk) Read(Fields f, string what)
    {
        var sockets = n.Integer(f.Required("sockets"), Of(what, "sockets"), 1, MaxSockets);
        var cores = n.Integer(f.Required("cores"), F("estate.machine.cores", what), 1, MaxCoresPerSocket);
        var clock = n.Quantity(f.Required("clock"), Of(what, "clock"), QuantityKind.Frequency);
        var perf = n.Number(f["perf"], F("estate.machine.perf", what), 0) ?? 1;
        var memory = n.Quantity(f.Required("memory"), Of(what, "memory"), QuantityKind.Size);
        var disk = n.Quantity(f["disk"], Of(what, "disk"), QuantityKind.Size) ?? 0;
        if (clock is 0)
        {
            n.Error(f["clock"]!, F("estate.machine.zero", Of(what, "clock")));
        }

        if (perf == 0)
        {
            n.Error(f["perf"]!, F("estate.machine.zero", F("estate.machine.perf", what)));
        }

        if (memory is 0)
        {
            n.Error(f["memory"]!, F("estate.machine.zero", Of(what, "memory")));
        }

        // A machine with a zero is reported once here; returning no clock keeps it from raising follow-up errors.
        return (sockets, cores, clock is 0 || perf == 0 || memory is 0 ? null : clock, perf, memory, disk);
    }
}
