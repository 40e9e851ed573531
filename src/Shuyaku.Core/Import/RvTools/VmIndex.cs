using Shuyaku.Core.Import.Inventory;

namespace Shuyaku.Core.Import.RvTools;

/// <summary>
/// The rows of a per-VM sheet (vCPU, vMemory, vDisk, …) by VM: by name and VM ID where both sheets carry the ID, else by
/// name alone, which a name used by two VMs makes ambiguous (such a VM then takes nothing from the sheet).
/// </summary>
internal sealed class VmIndex
{
    private readonly Dictionary<string, List<SheetRow>> _byNameAndId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SheetRow>> _byName = new(StringComparer.Ordinal);
    private readonly bool _hasId;

    public VmIndex(Sheet? sheet)
    {
        Sheet = sheet;
        if (sheet is null)
        {
            return;
        }

        var vm = sheet.Column(RvToolsColumns.Vm);
        var id = sheet.Column(RvToolsColumns.VmId);
        _hasId = id >= 0;
        foreach (var row in sheet.Rows)
        {
            if (Cells.Text(row, vm) is not { } name)
            {
                continue;
            }

            Add(_byName, name, row);
            if (Cells.Text(row, id) is { } vmId)
            {
                Add(_byNameAndId, name + "\0" + vmId, row);
            }
        }
    }

    public Sheet? Sheet { get; }

    /// <summary>The rows of VM <paramref name="name"/> (with <paramref name="vmId"/> when vInfo gives one); <paramref name="unique"/> says the name alone is unique in vInfo.</summary>
    public IReadOnlyList<SheetRow> Rows(string name, string? vmId, bool unique)
    {
        if (_hasId && vmId is not null)
        {
            return _byNameAndId.GetValueOrDefault(name + "\0" + vmId) ?? [];
        }

        return unique ? _byName.GetValueOrDefault(name) ?? [] : [];
    }

    private static void Add(Dictionary<string, List<SheetRow>> index, string key, SheetRow row)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(row);
    }
}
