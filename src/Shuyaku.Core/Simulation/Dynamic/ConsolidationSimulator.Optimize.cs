using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// PowerVmAllocationPolicyMigrationAbstract.findHostForVm: power-aware best fit, the first host (lowest id) with
    /// the smallest power increase among those that would not be overloaded. Hosts that were off at the last update
    /// and have received nothing since are all alike within a type, so only the lowest-id free one of each type is
    /// looked at. The overload test is pure (but for one trace, see <see cref="Consider"/>), so candidates are tested
    /// in order of power increase and the first that passes wins, which is the host CloudSim's scan ends on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindHostForVm(int v, bool[] excluded)
    {
        _candidateCount = 0;
        var request = CurrentRequest(v);
        if (_exhaustiveHostSearch)
        {
            for (var h = 0; h < _hostCount; h++)
            {
                if (!excluded[h] && IsSuitableForVm(h, v))
                {
                    Consider(h, v, request);
                }
            }
        }
        else
        {
            foreach (var h in CollectionsMarshal.AsSpan(_active))
            {
                // IsSuitableForVm, with RAM and bandwidth only looked at for the placement at t = 0 (the only one they bind).
                if (!excluded[h] && _availableMips[h] >= request && _hostPeMips[h] >= request
                    && (_instantiating != v || IsSuitableForVm(h, v)))
                {
                    Consider(h, v, request);
                }
            }

            for (var type = 0; type < 2 && type < _hostCount; type++)
            {
                ref var next = ref _idleCursor[type];
                while (next < _hostCount && (_isActive[next] || excluded[next]))
                {
                    next += 2;
                }

                if (next < _hostCount && IsSuitableForVm(next, v))
                {
                    Consider(next, v, request);
                }
            }
        }

        while (true)
        {
            var pick = -1;
            for (var i = 0; i < _candidateCount; i++)
            {
                if (_candidateHost[i] != NoHost
                    && (pick < 0
                        || _candidateDifference[i] < _candidateDifference[pick]
                        || (_candidateDifference[i] == _candidateDifference[pick] && _candidateHost[i] < _candidateHost[pick])))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                return NoHost;
            }

            var h = _candidateHost[pick];
            _candidateHost[pick] = NoHost;
            if (!(_candidateOccupied[pick] && IsHostOverUtilized(h, v)) && AcceptPlacement(h, v))
            {
                return h;
            }
        }
    }

    /// <summary>One suitable host: its power increase, kept as a candidate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Consider(int h, int v, double request)
    {
        var utilizationMips = UtilizationOfCpuMips(h);
        var occupied = utilizationMips != 0;
        if (occupied)
        {
            // isHostOverUtilizedAfterAllocation creates the VM there for a moment; refreshing the scheduler's
            // migrating-out list is the only trace that round trip leaves.
            _migratingOut[(v * _hostCount) + h] = false;
        }

        var after = (utilizationMips + request) / _hostTotalMips[h];
        if (after > 1 && !(occupied && IsHostOverUtilized(h, v)))
        {
            // CloudSim would stop on this power look-up; count it so that it cannot pass unnoticed.
            _powerOutOfRange++;
        }

        var i = _candidateCount++;
        _candidateHost[i] = h;
        _candidateOccupied[i] = occupied;
        _candidateDifference[i] = _hostPower[h].Watts(Math.Clamp(after, 0, 1)) - _powerNow[h];
    }

    /// <summary>Starts a round of placements: hosts on at the last update (or holding VMs) are scanned, the others are interchangeable.</summary>
    private void ResetHostSearch()
    {
        _active.Clear();
        for (var h = 0; h < _hostCount; h++)
        {
            _isActive[h] = false;
            if (_utilizationMips[h] != 0 || _listCount[h] > 0)
            {
                MarkActive(h);
            }
        }

        _idleCursor[0] = 0;
        _idleCursor[1] = 1;
    }

    private void MarkActive(int h)
    {
        if (!_isActive[h])
        {
            _isActive[h] = true;
            _active.Add(h);
        }
    }

    /// <summary>host.getPower() for every host: fixed during one optimisation, which sees the utilisation of the last update.</summary>
    private void RefreshPowerNow()
    {
        for (var h = 0; h < _hostCount; h++)
        {
            _powerNow[h] = PowerNow(h);
        }
    }

    /// <summary>getUtilizationOfCpuMips: allocated MIPS, a migrating-in VM counted at its full share.</summary>
    private double UtilizationOfCpuMips(int h)
    {
        if (_utilizationMipsVersion[h] == _listVersion[h])
        {
            return _utilizationMipsCache[h];
        }

        var mips = 0.0;
        for (var p = 0; p < _listCount[h]; p++)
        {
            if (_migratingInCount[h] > 0 && IsMigratingIn(h, _list[h][p]))
            {
                mips += _listAlloc[h][p] * 0.9 / 0.1;
            }

            mips += _listAlloc[h][p];
        }

        _utilizationMipsCache[h] = mips;
        _utilizationMipsVersion[h] = _listVersion[h];
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                    if (HostHistoryHead(h, extra, length) < length)
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

        return maxRam / (CloudSimSetup.HostTypes[h % 2].Bandwidth / (2.0 * 8000));
    }

    /// <summary>
    /// PowerHostUtilizationHistory.getUtilizationHistory into <see cref="_scratch"/>: per step back, the sum over the
    /// host's VMs of sample × VM MIPS / host MIPS, newest first; returns the length once trailing zeros are trimmed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int HostHistory(int h, int extra)
    {
        var baseOffset = RefreshHostHistory(h);
        Array.Copy(_hostHistoryBase, baseOffset, _scratch, 0, HistoryLength);
        if (extra != NoHost)
        {
            AddVmHistory(extra, _scratch, _hostTotalMips[h]);
        }

        return ConsolidationMath.TrimmedLength(_scratch);
    }

    /// <summary>
    /// The same history, but only its <paramref name="head"/> newest values are written to <see cref="_scratch"/>
    /// (all that local regression reads). Its trimmed length is the longer of the host's and the extra VM's, as sums of
    /// non-negative values are zero only where both are.
    /// </summary>
    private int HostHistoryHead(int h, int extra, int head)
    {
        var baseOffset = RefreshHostHistory(h);
        Array.Copy(_hostHistoryBase, baseOffset, _scratch, 0, head);
        var length = _hostHistoryLength[h];
        if (extra != NoHost)
        {
            var offset = extra * HistoryLength;
            var count = Math.Min(_historyCount[extra], head);
            for (var i = 0; i < count; i++)
            {
                _scratch[i] += _history[offset + i] * _vmMips[extra] / _hostTotalMips[h];
            }

            length = Math.Max(length, ConsolidationMath.TrimmedLength(_history.AsSpan(offset, _historyCount[extra])));
        }

        return length;
    }

    /// <summary>The host's own history (its VMs in list order), rebuilt when its VMs or their samples changed; returns its offset.</summary>
    private int RefreshHostHistory(int h)
    {
        var baseOffset = h * HistoryLength;
        if (_hostHistoryVersion[h] != _listVersion[h] || _hostHistoryEpoch[h] != _historyEpoch)
        {
            var history = _hostHistoryBase.AsSpan(baseOffset, HistoryLength);
            history.Clear();
            for (var p = 0; p < _listCount[h]; p++)
            {
                AddVmHistory(_list[h][p], history, _hostTotalMips[h]);
            }

            _hostHistoryLength[h] = ConsolidationMath.TrimmedLength(history);
            _hostHistoryVersion[h] = _listVersion[h];
            _hostHistoryEpoch[h] = _historyEpoch;
        }

        return baseOffset;
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

