using MiniExcelLibs;

namespace Shuyaku.Core.Tests.Import.RvTools;

/// <summary>Small RVTools-shaped workbooks the tests write themselves (MiniExcel writes; the importer reads with ExcelDataReader).</summary>
internal static class Workbooks
{
    public static Dictionary<string, object?> Row(params (string Header, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Header, c => c.Value);

    public static string Write(string path, params (string Sheet, Dictionary<string, object?>[] Rows)[] sheets)
    {
        var data = sheets.ToDictionary(s => s.Sheet, s => (object)s.Rows.ToList());
        MiniExcel.SaveAs(path, data, overwriteFile: true);
        return path;
    }

    /// <summary>A VM row of vInfo in current (MiB) or legacy (MB) headers.</summary>
    public static Dictionary<string, object?> Vm(string name, string power = "poweredOn", int cpus = 2, double memory = 4096, bool legacy = false,
        string host = "esx-1", string template = "False", object? created = null) => Row(
        ("VM", name), ("Powerstate", power), ("Template", template), ("CPUs", cpus), ("Memory", memory),
        (legacy ? "Provisioned MB" : "Provisioned MiB", 40960), (legacy ? "In Use MB" : "In Use MiB", 10240), ("Creation date", created),
        ("Annotation", $"{name} note"), ("owner", "team-a"), ("Datacenter", "DC 1"), ("Cluster", "C1"), ("Host", host),
        ("OS according to the configuration file", "Debian GNU/Linux 12 (64-bit)"));

    public static Dictionary<string, object?> Host(string name, int speed = 2400, int sockets = 2, int cores = 8, double memory = 262144) => Row(
        ("Host", name), ("Datacenter", "DC 1"), ("CPU Model", "Xeon"), ("Speed", speed), ("# CPU", sockets), ("Cores per CPU", cores),
        ("# Cores", sockets * cores), ("CPU usage %", 20), ("# Memory", memory), ("Memory usage %", 40));
}
