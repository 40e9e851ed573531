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
    /// <summary>How many resources a vector holds, for loops over its indices.</summary>
    public const int Dimensions = 4;

    /// <summary>The resources' names as messages and reports write them, by index.</summary>
    public static readonly string[] Names = ["cpu", "memory", "network", "vcpu"];

    /// <summary>Nothing of any resource.</summary>
    public static ResourceVector Zero => default;

    /// <summary>The value of resource number <paramref name="r"/> (the order of <see cref="Resource"/>).</summary>
    public double this[int r] => r switch
    {
        0 => Cpu,
        1 => Memory,
        2 => Network,
        3 => Vcpu,
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    /// <summary>The value of resource <paramref name="r"/>.</summary>
    public double this[Resource r] => this[(int)r];

    /// <summary>The sum, resource by resource.</summary>
    public static ResourceVector operator +(ResourceVector a, ResourceVector b) =>
        new(a.Cpu + b.Cpu, a.Memory + b.Memory, a.Network + b.Network, a.Vcpu + b.Vcpu);

    /// <summary>Every resource scaled by <paramref name="f"/>.</summary>
    public static ResourceVector operator *(ResourceVector a, double f) =>
        new(a.Cpu * f, a.Memory * f, a.Network * f, a.Vcpu * f);

    /// <summary>The product, resource by resource (capacity × utilisation target, say).</summary>
    public static ResourceVector operator *(ResourceVector a, ResourceVector b) =>
        new(a.Cpu * b.Cpu, a.Memory * b.Memory, a.Network * b.Network, a.Vcpu * b.Vcpu);

    /// <summary>The values in the order of <see cref="Resource"/>, for the flat arrays the solvers work on.</summary>
    public double[] ToArray() => [Cpu, Memory, Network, Vcpu];

    /// <summary>A value of resource <paramref name="r"/> with its unit, as messages and reports write it (memory in MiB, GiB or TiB).</summary>
    public static string Format(Resource r, double v) => r switch
    {
        Resource.Cpu => v.ToString("0.##", CultureInfo.InvariantCulture) + " GHz",
        Resource.Memory => Quantities.FormatSize(v),
        Resource.Network => v.ToString("0", CultureInfo.InvariantCulture) + " Mbps",
        _ => v.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
