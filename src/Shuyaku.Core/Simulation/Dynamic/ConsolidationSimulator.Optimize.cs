namespace Shuyaku.Simulation.Dynamic;

/// <summary>PowerVmAllocationPolicyMigrationAbstract.optimizeAllocation and the overload detectors.</summary>
internal sealed partial class ConsolidationSimulator
{
    private readonly List<int> _overloaded = [];

    private void OptimizeAllocation(double time)
    {
        _migrationMap.Clear();
        Array.Clear(_excludedForPlacement);
        _overloaded.Clear();
        BeginOptimization(time);

        for (var h = 0; h < _hostCount; h++)
        {
            if (IsHostOverUtilized(h, NoHost))
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

        while (excludedCount < _hostCount)
        {
            var underloaded = NoHost;
            var minUtilization = 1.0;
            for (var h = 0; h < _hostCount; h++)
            {
                if (_excludedForUnderload[h])
                {
                    continue;
                }

                var utilization = HostUtilization(h);
                if (utilization > 0 && utilization < minUtilization && !AllVmsMigratingOutOrAnyMigratingIn(h))
                {
                    minUtilization = utilization;
                    underloaded = h;
                }
            }

            if (underloaded == NoHost || !MayEvacuate(underloaded))
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

    private bool AllVmsMigratingOutOrAnyMigratingIn(int h)
    {
                for (var p = 0; p < _listCount[h]; p++)
        {
            var v = _list[h][p];
            if (!_inMigration[v])
            {
                return false;
            }

            if (_migratingIn[h].Contains(v))
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
    private void RestoreAllocation()
    {
        for (var h = 0; h < _hostCount; h++)
        {
            if (_migratingIn[h].Count > 0)
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

    /// <summary>PowerVmAllocationPolicyMigrationAbstract.findHostForVm: power-aware best fit.</summary>
    private int FindHostForVm(int v, bool[] excluded)
    {
        var request = CurrentRequest(v);
        var minPower = double.MaxValue;
        var best = NoHost;
        for (var h = 0; h < _hostCount; h++)
        {
            if (excluded[h] || !IsSuitableForVm(h, v))
            {
                continue;
            }

            var utilizationMips = UtilizationOfCpuMips(h);
            if (utilizationMips != 0)
            {
                // isHostOverUtilizedAfterAllocation creates the VM there for a moment; that refreshes the
                // scheduler's migrating-out list, which is the only trace the round trip leaves.
                _migratingOut[h].Remove(v);
                if (IsHostOverUtilized(h, v))
                {
                    continue;
                }
            }

            var powerAfter = Power(h, (utilizationMips + request) / _hostTotalMips[h]);
            var difference = powerAfter - Power(h, HostUtilization(h));
            if (difference < minPower && AcceptPlacement(h, v))
            {
                minPower = difference;
                best = h;
            }
        }

        return best;
    }

    /// <summary>getUtilizationOfCpuMips: allocated MIPS, a migrating-in VM counted at its full share.</summary>
    private double UtilizationOfCpuMips(int h)
    {
                var mips = 0.0;
        for (var p = 0; p < _listCount[h]; p++)
        {
            if (_migratingIn[h].Contains(_list[h][p]))
            {
                mips += _listAlloc[h][p] * 0.9 / 0.1;
            }

            mips += _listAlloc[h][p];
        }

        return mips;
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

    // ---- Overload detection. ----

    /// <summary>isHostOverUtilized of the policy, for the host's current VMs plus <paramref name="extra"/> (appended last) when it is a VM.</summary>
    private bool IsHostOverUtilized(int h, int extra)
    {
        switch (_policy.Detection)
        {
            case OverloadDetection.Threshold:
                return RequestedUtilization(h, extra) > _policy.Parameter;

            case OverloadDetection.InterQuartileRange:
            case OverloadDetection.MedianAbsoluteDeviation:
            {
                var length = HostHistory(h, extra);
                if (length < 12)
                {
                    return RequestedUtilization(h, extra) > FallbackThreshold;
                }

                var data = _scratch.AsSpan(0, length);
                var spread = _policy.Detection == OverloadDetection.InterQuartileRange
                    ? ConsolidationMath.InterQuartileRange(data)
                    : ConsolidationMath.MedianAbsoluteDeviation(data);
                return RequestedUtilization(h, extra) > 1 - (_policy.Parameter * spread);
            }

            case OverloadDetection.LocalRegression:
            case OverloadDetection.LocalRegressionRobust:
            {
                const int length = 10;
                if (HostHistory(h, extra) < length)
                {
                    return RequestedUtilization(h, extra) > FallbackThreshold;
                }

                Span<double> reversed = stackalloc double[length];
                for (var i = 0; i < length; i++)
                {
                    reversed[i] = _scratch[length - i - 1];
                }

                var (intercept, slope) = ConsolidationMath.LinearRegression(reversed);
                var migrationIntervals = Math.Ceiling(MaximumVmMigrationTime(h, extra) / Interval);
                var predicted = intercept + (slope * (length + migrationIntervals));
                predicted *= _policy.Parameter;
                return predicted >= 1;
            }

            case OverloadDetection.Forecast:
                return IsOverloadedByForecast(h, extra);

            default:
                return false;
        }
    }

    private double RequestedUtilization(int h, int extra)
    {
                var requested = 0.0;
        for (var p = 0; p < _listCount[h]; p++)
        {
            requested += CurrentRequest(_list[h][p]);
        }

        if (extra != NoHost)
        {
            requested += CurrentRequest(extra);
        }

        return requested / _hostTotalMips[h];
    }

    private double MaximumVmMigrationTime(int h, int extra)
    {
                var maxRam = int.MinValue;
        for (var p = 0; p < _listCount[h]; p++)
        {
            maxRam = Math.Max(maxRam, _vmRam[_list[h][p]]);
        }

        if (extra != NoHost)
        {
            maxRam = Math.Max(maxRam, _vmRam[extra]);
        }

        return maxRam / (1_000_000.0 / (2 * 8000));
    }

    /// <summary>
    /// PowerHostUtilizationHistory.getUtilizationHistory into <see cref="_scratch"/>: per step back, the sum over the
    /// host's VMs of sample × VM MIPS / host MIPS, newest first; returns the length once trailing zeros are trimmed.
    /// </summary>
    private int HostHistory(int h, int extra)
    {
        var baseOffset = h * HistoryLength;
        if (_hostHistoryVersion[h] != _listVersion[h] || _hostHistoryEpoch[h] != _historyEpoch)
        {
            Array.Clear(_hostHistoryBase, baseOffset, HistoryLength);
                        for (var p = 0; p < _listCount[h]; p++)
            {
                AddVmHistory(_list[h][p], _hostHistoryBase.AsSpan(baseOffset, HistoryLength), _hostTotalMips[h]);
            }

            _hostHistoryVersion[h] = _listVersion[h];
            _hostHistoryEpoch[h] = _historyEpoch;
        }

        Array.Copy(_hostHistoryBase, baseOffset, _scratch, 0, HistoryLength);
        if (extra != NoHost)
        {
            AddVmHistory(extra, _scratch, _hostTotalMips[h]);
        }

        return ConsolidationMath.TrimmedLength(_scratch);
    }

    private void AddVmHistory(int v, Span<double> into, double hostMips)
    {
        var offset = v * HistoryLength;
        for (var i = 0; i < _historyCount[v]; i++)
        {
            into[i] += _history[offset + i] * _vmMips[v] / hostMips;
        }
    }
}
