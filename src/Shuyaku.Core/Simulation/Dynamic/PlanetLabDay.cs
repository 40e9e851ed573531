using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>
/// One day of PlanetLab traces turned into VMs the way CloudSim's PlanetLab runner does: VM i gets the i-th file of
/// CloudSim's (filesystem) order and the type written beside it; utilisation samples are percent / 100, with the last
/// sample repeated once so that interpolation at the end of the day has a right-hand neighbour.
/// </summary>
public sealed class PlanetLabDay
{
    /// <summary>Samples held per VM: the 288 of the file plus the repeated last one.</summary>
    public const int SamplesPerVm = CloudSimSetup.SamplesPerTrace + 1;

    private readonly double[] _samples;

    internal PlanetLabDay(string name, IReadOnlyList<string> traceNames, int[] vmTypes, double[] samples)
    {
        Name = name;
        TraceNames = traceNames;
        VmTypeIndexes = vmTypes;
        _samples = samples;
    }

    /// <summary>The day, as its folder is named (e.g. 20110303).</summary>
    public string Name { get; }

    /// <summary>The trace file of each VM, in CloudSim's VM order.</summary>
    public IReadOnlyList<string> TraceNames { get; }

    /// <summary>Index into <see cref="CloudSimSetup.VmTypes"/> per VM.</summary>
    public IReadOnlyList<int> VmTypeIndexes { get; }

    /// <summary>Number of VMs, one per trace.</summary>
    public int VmCount => TraceNames.Count;

    /// <summary>All samples, VM after VM, <see cref="SamplesPerVm"/> each, as fractions of the VM's MIPS.</summary>
    public ReadOnlySpan<double> Samples => _samples;

    /// <summary>Builds a day from in-memory percent series (for tests and generated workloads).</summary>
    public static PlanetLabDay FromPercentages(string name, IReadOnlyList<int> vmTypes, IReadOnlyList<IReadOnlyList<int>> percentages)
    {
        ArgumentNullException.ThrowIfNull(vmTypes);
        ArgumentNullException.ThrowIfNull(percentages);
        if (vmTypes.Count != percentages.Count)
        {
            throw new ArgumentException("One VM type per series is needed.", nameof(vmTypes));
        }

        var samples = new double[percentages.Count * SamplesPerVm];
        for (var vm = 0; vm < percentages.Count; vm++)
        {
            var series = percentages[vm];
            if (series.Count != CloudSimSetup.SamplesPerTrace)
            {
                throw new ArgumentException($"Series {vm} has {series.Count} samples; {CloudSimSetup.SamplesPerTrace} are needed.", nameof(percentages));
            }

            for (var i = 0; i < series.Count; i++)
            {
                samples[(vm * SamplesPerVm) + i] = series[i] / 100.0;
            }

            samples[(vm * SamplesPerVm) + CloudSimSetup.SamplesPerTrace] = samples[(vm * SamplesPerVm) + CloudSimSetup.SamplesPerTrace - 1];
        }

        var names = Enumerable.Range(0, percentages.Count).Select(i => $"vm{i}").ToArray();
        return new PlanetLabDay(name, names, [.. vmTypes], samples);
    }

    /// <summary>
    /// Reads <c>DATA/DAY/*</c> in the order of <c>DATA/cloudsim-vm-order/listfiles_order_DAY.csv</c>
    /// (vm_id, vm_type, vm_mips, trace_file).
    /// </summary>
    public static DayLoad Load(string dataDirectory, string day)
    {
        var folder = Path.Combine(dataDirectory, day);
        var orderFile = Path.Combine(dataDirectory, "cloudsim-vm-order", $"listfiles_order_{day}.csv");
        if (!Directory.Exists(folder))
        {
            return DayLoad.Fail(Texts.Format("simulation.day.no-folder", folder));
        }

        if (!File.Exists(orderFile))
        {
            return DayLoad.Fail(Texts.Format("simulation.day.no-order", orderFile, day));
        }

        var lines = File.ReadAllLines(orderFile);
        var names = new List<string>(lines.Length);
        var types = new List<int>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            // The trace name is the last field and may contain spaces, never commas.
            var fields = lines[i].Split(',', 4);
            if (fields.Length != 4
                || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var id) || id != names.Count
                || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var type) || type < 0 || type >= CloudSimSetup.VmTypes.Count)
            {
                return DayLoad.Fail(Texts.Format("simulation.day.order-line", orderFile, i + 1, names.Count));
            }

            names.Add(fields[3]);
            types.Add(type);
        }

        var samples = new double[names.Count * SamplesPerVm];
        for (var vm = 0; vm < names.Count; vm++)
        {
            var error = ReadTrace(Path.Combine(folder, names[vm]), samples.AsSpan(vm * SamplesPerVm, SamplesPerVm));
            if (error is not null)
            {
                return DayLoad.Fail(error);
            }
        }

        return new DayLoad(new PlanetLabDay(day, names, [.. types], samples), null);
    }

    private static string? ReadTrace(string path, Span<double> into)
    {
        if (!File.Exists(path))
        {
            return Texts.Format("simulation.day.no-trace", path);
        }

        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (count == CloudSimSetup.SamplesPerTrace)
            {
                break;
            }

            if (!int.TryParse(line.AsSpan().Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
            {
                return Texts.Format("simulation.day.not-integer", path, count + 1, line);
            }

            into[count++] = percent / 100.0;
        }

        if (count < CloudSimSetup.SamplesPerTrace)
        {
            return Texts.Format("simulation.day.samples", path, count, CloudSimSetup.SamplesPerTrace);
        }

        into[CloudSimSetup.SamplesPerTrace] = into[CloudSimSetup.SamplesPerTrace - 1];
        return null;
    }
}

/// <summary>A loaded day, or the sentence that says why it could not be loaded.</summary>
public sealed record DayLoad(PlanetLabDay? Day, string? Error)
{
    /// <summary>Whether the day was loaded.</summary>
    public bool Succeeded => Day is not null;

    internal static DayLoad Fail(string error) => new(null, error);
}
