using System.Runtime.CompilerServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>The VM scheduler (VmSchedulerTimeSharedOverSubscription), Host.vmCreate / vmDestroy and migrations.</summary>
internal sealed partial class ConsolidationSimulator
{
    /// <summary>VmSchedulerTimeShared.allocatePesForVm(Vm, …): keep the migrating-out list in step with the VM.</summary>
    private void UpdateMigratingOut(int h, int v)
    {
        _migratingOut[(v * _hostCount) + h] = _inMigration[v] ? !IsMigratingIn(h, v) || _migratingOut[(v * _hostCount) + h] : false;
    }

    /// <summary>allocatePesForVm(String, …) for the VM at position <paramref name="p"/>, all before it being allocated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AllocateAt(int h, int p)
    {
        var v = _list[h][p];
        var peMips = _hostPeMips[h];
        var capped = Math.Min(_listRequest[h][p], peMips);
        var total = capped;
        var incoming = IsMigratingIn(h, v);
        if (incoming)
        {
            total *= 0.1;
        }

        _listVersion[h]++; // allocations changed: cached sums and histories of this host are stale
        if (_availableMips[h] >= total)
        {
            _listAlloc[h][p] = IsMigratingOut(h, v) ? capped * 0.9 : incoming ? capped * 0.1 : capped;
            _availableMips[h] -= total;
        }
        else
        {
            Redistribute(h, p);
        }
    }

    /// <summary>redistributeMipsDueToOverSubscription over the VMs allocated so far (positions 0..last).</summary>
    private void Redistribute(int h, int last)
    {
        var peMips = _hostPeMips[h];
        var required = 0.0;
        for (var p = 0; p <= last; p++)
        {
            var v = _list[h][p];
            var capped = Math.Min(_listRequest[h][p], peMips);
            if (IsMigratingIn(h, v))
            {
                capped *= 0.1;
            }

            required += capped;
        }

        var scaling = _hostTotalMips[h] / required;
        for (var p = 0; p <= last; p++)
        {
            var v = _list[h][p];
            var mips = Math.Min(_listRequest[h][p], peMips);
            if (IsMigratingOut(h, v))
            {
                mips *= scaling;
                mips *= 0.9;
            }
            else if (IsMigratingIn(h, v))
            {
                mips *= 0.1;
                mips *= scaling;
            }
            else
            {
                mips *= scaling;
            }

            _listAlloc[h][p] = Math.Floor(mips);
        }

        _availableMips[h] = 0;
    }

    /// <summary>Re-allocates every VM of the host from the requests recorded at allocation (deallocatePesForVm).</summary>
    private void Reallocate(int h)
    {
        _availableMips[h] = _hostTotalMips[h];
        for (var p = 0; p < _listCount[h]; p++)
        {
            AllocateAt(h, p);
        }
    }

    // ---- Host.vmCreate / vmDestroy and migrations. ----

    private bool IsSuitableForVm(int h, int v)
    {
        var request = CurrentRequest(v);
        return _hostPeMips[h] >= request
            && _availableMips[h] >= request
            && _hostRamFree[h] >= CurrentRam(v)
            && _hostBwFree[h] >= CurrentBw(v);
    }

    private void Append(int h, int v)
    {
        var p = _listCount[h];
        if (p == _list[h].Length)
        {
            Array.Resize(ref _list[h], p * 2);
            Array.Resize(ref _listRequest[h], p * 2);
            Array.Resize(ref _listAlloc[h], p * 2);
        }

        _list[h][p] = v;
        _listRequest[h][p] = CurrentRequest(v);
        _listAlloc[h][p] = 0;
        _listCount[h]++;
        _listVersion[h]++;
        AllocateAt(h, _listCount[h] - 1);
    }

    private void RemoveFromList(int h, int v)
    {
        var count = _listCount[h];
        for (var p = 0; p < count; p++)
        {
            if (_list[h][p] != v)
            {
                continue;
            }

            for (var q = p; q < count - 1; q++)
            {
                _list[h][q] = _list[h][q + 1];
                _listRequest[h][q] = _listRequest[h][q + 1];
                _listAlloc[h][q] = _listAlloc[h][q + 1];
            }

            _listCount[h]--;
            _listVersion[h]++;
            return;
        }
    }

    // Vm.getCurrentRequestedRam/Bw: the full amount while the VM is being instantiated, afterwards the cloudlet's
    // RAM and BW utilisation (UtilizationModelNull: 0). Only the placement at t = 0 is bound by RAM and bandwidth.
    private int CurrentRam(int v) => v == _instantiating ? _vmRam[v] : 0;

    private long CurrentBw(int v) => v == _instantiating ? _vmBw[v] : 0;

    private void VmCreate(int h, int v)
    {
        _heldRam[v] = CurrentRam(v);
        _heldBw[v] = CurrentBw(v);
        _hostRamFree[h] -= _heldRam[v];
        _hostBwFree[h] -= _heldBw[v];
        UpdateMigratingOut(h, v);
        Append(h, v);
        _vmHost[v] = h;
        MarkActive(h);
    }

    private void VmDestroy(int h, int v)
    {
        _hostRamFree[h] += _heldRam[v];
        _hostBwFree[h] += _heldBw[v];
        _heldRam[v] = 0;
        _heldBw[v] = 0;
        RemoveFromList(h, v);
        Reallocate(h);
        _vmHost[v] = NoHost;
    }

    /// <summary>PowerHost.addMigratingInVm: the target reserves the VM and both hosts are updated at once.</summary>
    private void AddMigratingInVm(int target, int v, double time)
    {
        _inMigration[v] = true;
        if (IsMigratingIn(target, v))
        {
            return;
        }

        _migratingIn[(v * _hostCount) + target] = true;
        _migratingInCount[target]++;
        UpdateMigratingOut(target, v);
        Append(target, v);
        UpdateVmsProcessing(target, time);
        if (_vmHost[v] != NoHost)
        {
            UpdateVmsProcessing(_vmHost[v], time);
        }
    }

    /// <summary>Datacenter.processVmMigrate: off the old host, out of the target's incoming list, created on the target.</summary>
    private void CompleteMigration(int v, int target)
    {
        var source = _vmTable[v];
        _vmTable[v] = NoHost;
        if (source != NoHost)
        {
            VmDestroy(source, v);
        }

        // PowerHost.removeMigratingInVm
        RemoveFromList(target, v);
        _migratingIn[(v * _hostCount) + target] = false;
        _migratingInCount[target]--;
        Reallocate(target);
        _inMigration[v] = false;

        VmCreate(target, v);
        _vmTable[v] = target;
    }
}
