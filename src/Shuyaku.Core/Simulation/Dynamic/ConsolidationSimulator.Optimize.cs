using System.Runtime.CompilerServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>PowerVmAllocationPolicyMigrationAbstract.optimizeAllocation and the overload detectors.</summary>
internal sealed partial class ConsolidationSimulator
{
    private readonly List<int> _overloaded = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OptimizeAllocation(double time)
    {
        _migrationMap.Clear();
        Array.Clear(_excludedForPlacement);
        _overloaded.Clear();
        BeginOptimization();
        RefreshPowerNow();
        ResetHostSearch();

        for (var h = 0; h < _hostCount; h++)
        {
            // A host without VMs is overloaded under no detector (its history is all zeros, its request nothing).
            if (_listCount[h] > 0 && IsHostOverUtilized(h, NoHost))
            {
                _overloaded.Add(h);
                _excludedForPlacement[h] = true;
            }
        }

        SaveAllocation();

        // getVmsToMigrateFromHosts
        _vmsToMigrate.Clear();
        foreach (var h in _overloaded)
        {
            while (true)
            {
                var v = SelectVmToMigrate(h);
                if (v == NoHost)
                {
                    break;
                }

                _vmsToMigrate.Add(v);
                VmDestroy(h, v);
                if (!IsHostOverUtilized(h, NoHost))
                {
                    break;
                }
            }
        }

        // getNewVmPlacement
        SortByUtilizationDescending(_vmsToMigrate);
        foreach (var v in _vmsToMigrate)
        {
            var host = FindHostForVm(v, _excludedForPlacement);
            if (host != NoHost)
            {
                VmCreate(host, v);
                _migrationMap.Add((v, host));
            }
        }

        MigrateFromUnderUtilizedHosts();
        RestoreAllocation();
    }

    /// <summary>getMigrationMapFromUnderUtilizedHosts, including its quirk: hosts that just received VMs from overloaded hosts may be emptied again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MigrateFromUnderUtilizedHosts()
    {
        var excludedCount = 0;
        for (var h = 0; h < _hostCount; h++)
        {
            var off = HostUtilization(h) == 0;
            var overloaded = _excludedForPlacement[h];
            _excludedForUnderload[h] = overloaded || off;
            _excludedForPlacement[h] = overloaded || off;
            if (_excludedForUnderload[h])
            {
                excludedCount++;
            }
        }

        // The utilisation used here is the one of the last update and does not change while the optimisation runs,
        // so the hosts are ordered once (lowest first, ties by id as CloudSim's scan finds them).
        var candidates = 0;
        for (var h = 0; h < _hostCount; h++)
        {
            var utilization = HostUtilization(h);
            if (utilization > 0 && utilization < 1)
            {
                _underloadOrder[candidates] = h;
                _underloadKey[candidates++] = utilization;
            }
        }

        Array.Sort(_underloadKey, _underloadOrder, 0, candidates);
        SortTiesById(candidates);
        var next = 0;
        while (excludedCount < _hostCount)
        {
            var underloaded = NoHost;
            while (next < candidates && _excludedForUnderload[_underloadOrder[next]])
            {
                next++;
            }

            for (var i = next; i < candidates; i++)
            {
                var h = _underloadOrder[i];
                if (!_excludedForUnderload[h] && !AllVmsMigratingOutOrAnyMigratingIn(h))
                {
                    underloaded = h;
                    break;
                }
            }

            if (underloaded == NoHost)
            {
                break;
            }

            _excludedForUnderload[underloaded] = true;
            _excludedForPlacement[underloaded] = true;
            excludedCount++;

            _vmsToMigrate.Clear();
            for (var p = 0; p < _listCount[underloaded]; p++)
            {
                var v = _list[underloaded][p];
                if (!_inMigration[v])
                {
                    _vmsToMigrate.Add(v);
                }
            }

            if (_vmsToMigrate.Count == 0)
            {
                continue;
            }

            // getNewVmPlacementFromUnderUtilizedHost: all or nothing.
            SortByUtilizationDescending(_vmsToMigrate);
            _underloadPlacement.Clear();
            foreach (var v in _vmsToMigrate)
            {
                var host = FindHostForVm(v, _excludedForPlacement);
                if (host == NoHost)
                {
                    foreach (var (placed, on) in _underloadPlacement)
                    {
                        VmDestroy(on, placed);
                    }

                    _underloadPlacement.Clear();
                    break;
                }

                VmCreate(host, v);
                _underloadPlacement.Add((v, host));
            }

            foreach (var (v, host) in _underloadPlacement)
            {
                if (!_excludedForUnderload[host])
                {
                    _excludedForUnderload[host] = true;
                    excludedCount++;
                }

                _migrationMap.Add((v, host));
            }
        }
    }

    /// <summary>Array.Sort is not stable: put hosts of equal utilisation back in id order.</summary>
    private void SortTiesById(int count)
    {
        var i = 0;
        while (i < count)
        {
            var j = i + 1;
            while (j < count && _underloadKey[j] == _underloadKey[i])
            {
                j++;
            }

            if (j - i > 1)
            {
                Array.Sort(_underloadOrder, i, j - i);
            }

            i = j;
        }
    }

    private bool AllVmsMigratingOutOrAnyMigratingIn(int h)
    {
        for (var p = 0; p < _listCount[h]; p++)
        {
            var v = _list[h][p];
            if (!_inMigration[v])
            {
                return false;
            }

            if (IsMigratingIn(h, v))
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>PowerVmList.sortByCpuUtilization: stable, descending by current MIPS.</summary>
    private void SortByUtilizationDescending(List<int> vms)
    {
        // Insertion sort is stable and the lists are short.
        for (var i = 1; i < vms.Count; i++)
        {
            var v = vms[i];
            var key = _utilization[v] * _vmMips[v];
            var j = i - 1;
            while (j >= 0 && _utilization[vms[j]] * _vmMips[vms[j]] < key)
            {
                vms[j + 1] = vms[j];
                j--;
            }

            vms[j + 1] = v;
        }
    }

    private void SaveAllocation()
    {
        for (var h = 0; h < _hostCount; h++)
        {
            if (_savedList[h].Length < _listCount[h])
            {
                _savedList[h] = new int[_list[h].Length];
            }

            Array.Copy(_list[h], _savedList[h], _listCount[h]);
            _savedCount[h] = _listCount[h];
        }
    }

    /// <summary>restoreAllocation: every host gets back the VMs it had, in the same order, re-created one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RestoreAllocation()
    {
        for (var h = 0; h < _hostCount; h++)
        {
            if (_migratingInCount[h] > 0)
            {
                throw SimulationException.MigrationInFlight(h);
            }

            var type = CloudSimSetup.HostTypes[h % 2];
            _hostRamFree[h] = type.RamMb;
            _hostBwFree[h] = type.Bandwidth;
            for (var p = 0; p < _listCount[h]; p++)
            {
                _heldRam[_list[h][p]] = 0;
                _heldBw[_list[h][p]] = 0;
            }

            _listCount[h] = 0;
            _listVersion[h]++;
            _availableMips[h] = _hostTotalMips[h];
            for (var p = 0; p < _savedCount[h]; p++)
            {
                VmCreate(h, _savedList[h][p]);
                _vmTable[_savedList[h][p]] = h;
            }
        }
    }

    private int SelectVmToMigrate(int h)
    {
        var count = _listCount[h];
        var best = NoHost;
        switch (_policy.Selection)
        {
            case VmSelection.MinimumMigrationTime:
                {
                    var min = double.MaxValue;
                    for (var p = 0; p < count; p++)
                    {
                        var v = _list[h][p];
                        if (!_inMigration[v] && _vmRam[v] < min)
                        {
                            min = _vmRam[v];
                            best = v;
                        }
                    }

                    return best;
                }

            case VmSelection.MinimumUtilization:
                {
                    var min = double.MaxValue;
                    for (var p = 0; p < count; p++)
                    {
                        var v = _list[h][p];
                        var metric = _utilization[v] * _vmMips[v] / _vmMips[v];
                        if (!_inMigration[v] && metric < min)
                        {
                            min = metric;
                            best = v;
                        }
                    }

                    return best;
                }

            default:
                {
                    var migratable = 0;
                    for (var p = 0; p < count; p++)
                    {
                        if (!_inMigration[_list[h][p]])
                        {
                            migratable++;
                        }
                    }

                    if (migratable == 0)
                    {
                        return NoHost;
                    }

                    var pick = _random.Next(migratable);
                    for (var p = 0; p < count; p++)
                    {
                        var v = _list[h][p];
                        if (!_inMigration[v] && pick-- == 0)
                        {
                            return v;
                        }
                    }

                    return NoHost;
                }
        }
    }
}
