using System.Globalization;

namespace Shuyaku.Core.Model;

/// <summary>The resources a host offers and a workload takes.</summary>
public enum Resource
{
    /// <summary>Normalised GHz: cores × clock × performance factor.</summary>
    Cpu,
    /// <summary>Mebibytes of memory.</summary>
    Memory,
    /// <summary>Megabits per second of network.</summary>
    Network,
    /// <summary>Virtual CPUs, limited by the vCPU:pCPU overcommit.</summary>
    Vcpu,
}

/// <summary>One value per <see cref="Resource"/>, in the units named there.</summary>
public readonly record struct ResourceVector(double Cpu, double Memory, double Network, double Vcpu)
{
    public const int Dimensions = 4;

    public static readonly string[] Names = ["cpu", "memory", "network", "vcpu"];

    public static ResourceVector Zero => default;

    public double this[int r] => r switch
    {
        0 => Cpu,
        1 => Memory,
        2 => Network,
        3 => Vcpu,
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    public double this[Resource r] => this[(int)r];

    public static ResourceVector operator +(ResourceVector a, ResourceVector b) =>
        new(a.Cpu + b.Cpu, a.Memory + b.Memory, a.Network + b.Network, a.Vcpu + b.Vcpu);

    public static ResourceVector operator *(ResourceVector a, double f) =>
        new(a.Cpu * f, a.Memory * f, a.Network * f, a.Vcpu * f);

    public static ResourceVector operator *(ResourceVector a, ResourceVector b) =>
        new(a.Cpu * b.Cpu, a.Memory * b.Memory, a.Network * b.Network, a.Vcpu * b.Vcpu);

    public double[] ToArray() => [Cpu, Memory, Network, Vcpu];

    public static string Format(Resource r, double v) => r switch
    {
        Resource.Cpu => v.ToString("0.##", CultureInfo.InvariantCulture) + " GHz",
        Resource.Memory => Quantities.FormatSize(v),
        Resource.Network => v.ToString("0", CultureInfo.InvariantCulture) + " Mbps",
        _ => v.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
