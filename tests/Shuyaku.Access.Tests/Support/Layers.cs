using Shuyaku.Core.Access;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Access.Tests.Support;

/// <summary>Access layers built in code on 127.0.0.0/8, and their files written to a folder.</summary>
internal static class Layers
{
    public static AccessLayer With(params VirtualService[] services) => new()
    {
        Balancers = [new Balancer("slb-1", "dc", "127.0.0.11", 150), new Balancer("slb-2", "dc", "127.0.0.12", 100)],
        Vrrp = new Vrrp(51, "lo", 1000),
        Services = services,
    };

    public static Member Member(string name, int port, int weight = 1, bool backup = false) =>
        new() { Workload = name, Address = "127.0.0.1", Port = port, Weight = weight, Backup = backup };

    /// <summary>Writes the file named <paramref name="name"/> of the layer's export and returns its path.</summary>
    public static string Write(TempFolder folder, AccessLayer access, string name)
    {
        var (files, problems) = SlbExport.Generate(access);
        problems.ShouldBeEmpty();
        var file = files.Single(f => f.Name == name);
        return folder.Write(name, file.Text);
    }
}
