using System.Runtime.CompilerServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>PowerDatacenter's updates: trace utilisation, HostDynamicWorkload.updateVmsProcessing, and the energy and SLA bookkeeping of Helper.printResults.</summary>
internal sealed partial class ConsolidationSimulator
{
    /// <summary>PowerDatacenter.updateCloudetProcessingWithoutSchedulingFutureEventsForce.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForceUpdate(double time)
    {
        // UtilizationModelPlanetLabInMemory.getUtilization, with CloudSim's arithmetic; the parts that depend only
        // on the time are computed once.
        var exact = time % Interval == 0;
        var time1 = (int)Math.Floor(time / Interval);
        var time2 = (int)Math.Ceiling(time / Interval);
        var span = (time2 - time1) * Interval;
        var into = time - (time1 * Interval);
        for (var v = 0; v < _vmCount; v++)
        {
            if (_removed[v])
            {
                continue;
            }

            var offset = v * PlanetLabDay.SamplesPerVm;
            if (exact)
            {
                _utilization[v] = _samples[offset + ((int)time / (int)Interval)];
            }
            else
            {
                var utilization1 = _samples[offset + time1];
                var delta = (_samples[offset + time2] - utilization1) / span;
                _utilization[v] = utilization1 + (delta * into);
            }

            _request[v] = _utilization[v] * _vmMips[v];
        }

        _samplingNow = (time - 0.1) % Interval == 0;

        var timeDiff = time - _lastProcessTime;
        var frame = 0.0;
        for (var h = 0; h < _hostCount; h++)
        {
            // A host that was off and stays off changes nothing: its state entry is inactive either way and it draws 0 W.
            if (_listCount[h] == 0 && _utilizationMips[h] == 0 && _previousUtilizationMips[h] == 0 && !_hostEntryActive[h])
            {
                continue;
            }

            UpdateVmsProcessing(h, time);
            if (timeDiff > 0)
            {
                frame += Energy(h, _previousUtilizationMips[h], _utilizationMips[h], timeDiff);
            }
        }

        if (timeDiff > 0)
        {
            _energyJoules += frame;
        }

        for (var h = 0; h < _hostCount; h++)
        {
            RemoveCompletedVms(h);
        }

        _lastProcessTime = time;
    }

    /// <summary>Host.getCompletedVms: a VM that is not migrating and asks for exactly nothing is gone for good.</summary>
    private void RemoveCompletedVms(int h)
    {
        var p = 0;
        while (p < _listCount[h])
        {
            var v = _list[h][p];
            if (!_inMigration[v] && _request[v] == 0)
            {
                var owner = _vmTable[v];
                _vmTable[v] = NoHost;
                if (owner != NoHost)
                {
                    VmDestroy(owner, v);
                }

                _removed[v] = true;
                _removedVms++;
                if (owner == h)
                {
                    continue;
                }
            }

            p++;
        }
    }

    private void Touch(int h)
    {
        if (h != NoHost && !_touched[h])
        {
            _touched[h] = true;
            _touchedHosts.Add(h);
        }
    }

    private void RefreshTouchedHosts(double time)
    {
        _touchedHosts.Sort();
        foreach (var h in _touchedHosts)
        {
            UpdateVmsProcessing(h, time);
        }

        foreach (var h in _touchedHosts)
        {
            RemoveCompletedVms(h);
            _touched[h] = false;
        }

        _touchedHosts.Clear();
        _lastProcessTime = time;
    }

    /// <summary>HostDynamicWorkload.updateVmsProcessing (with PowerVm's history sampling).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateVmsProcessing(int h, double time)
    {
        var count = _listCount[h];
        var sample = _samplingNow && _keepsHistory;
        for (var p = 0; p < count; p++)
        {
            var v = _list[h][p];
            if (sample && time > _historyTime[v])
            {
                AddHistory(v, _utilization[v]);
                _historyTime[v] = time;
            }
        }

        _previousUtilizationMips[h] = _utilizationMips[h];
        _availableMips[h] = _hostTotalMips[h];
        for (var p = 0; p < count; p++)
        {
            var v = _list[h][p];
            UpdateMigratingOut(h, v);
            _listRequest[h][p] = CurrentRequest(v);
            AllocateAt(h, p);
        }

        var utilization = 0.0;
        var requested = 0.0;
        for (var p = 0; p < count; p++)
        {
            var v = _list[h][p];
            var vmRequested = CurrentRequest(v);
            var allocated = _listAlloc[h][p];
            if (!IsMigratingIn(h, v))
            {
                AddVmEntry(v, time, allocated, vmRequested, _inMigration[v]);
                if (_inMigration[v])
                {
                    allocated /= 0.9;
                }
            }

            utilization += allocated;
            requested += vmRequested;
        }

        _utilizationMips[h] = utilization;
        AddHostEntry(h, time, utilization, requested, utilization > 0);
    }

    private void AddHistory(int v, double utilization)
    {
        var offset = v * HistoryLength;
        var keep = Math.Min(_historyCount[v], HistoryLength - 1);
        Array.Copy(_history, offset, _history, offset + 1, keep);
        _history[offset] = utilization;
        _historyCount[v] = keep + 1;
        _historyEpoch++;
    }

    /// <summary>Host state history, folded into SLATAH as entries are superseded (Helper.getSlaTimePerActiveHost).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddHostEntry(int h, double time, double allocated, double requested, bool active)
    {
        var previous = _hostEntryTime[h];
        if (!double.IsNaN(previous) && previous != time && _hostEntryActive[h])
        {
            var dt = time - previous;
            _activeTime += dt;
            if (_hostEntryAllocated[h] < _hostEntryRequested[h])
            {
                _slaViolationTime += dt;
            }
        }

        _hostEntryTime[h] = time;
        _hostEntryAllocated[h] = allocated;
        _hostEntryRequested[h] = requested;
        _hostEntryActive[h] = active;
    }

    /// <summary>VM state history, folded into PDM as entries are superseded (Helper.getSlaMetrics).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddVmEntry(int v, double time, double allocated, double requested, bool migrating)
    {
        var previous = _vmEntryTime[v];
        if (!double.IsNaN(previous) && previous != time)
        {
            var dt = time - previous;
            _requestedMipsSeconds += _vmEntryRequested[v] * dt;
            if (_vmEntryAllocated[v] < _vmEntryRequested[v] && _vmEntryMigrating[v])
            {
                _migrationShortfallMipsSeconds += (_vmEntryRequested[v] - _vmEntryAllocated[v]) * dt;
            }
        }

        _vmEntryTime[v] = time;
        _vmEntryAllocated[v] = allocated;
        _vmEntryRequested[v] = requested;
        _vmEntryMigrating[v] = migrating;
    }

    /// <summary>PowerHost.getEnergyLinearInterpolation: a host whose utilisation was 0 drew nothing.</summary>
    private double Energy(int h, double fromMips, double toMips, double seconds)
    {
        var from = Clamp(fromMips / _hostTotalMips[h]);
        if (from == 0)
        {
            return 0;
        }

        var fromPower = Power(h, from);
        var toPower = Power(h, Clamp(toMips / _hostTotalMips[h]));
        return (fromPower + ((toPower - fromPower) / 2)) * seconds;
    }

    private static double Clamp(double utilization) => utilization > 1 && utilization < 1.01 ? 1 : utilization;

    private double HostUtilization(int h) => Clamp(_utilizationMips[h] / _hostTotalMips[h]);

    private double Power(int h, double utilization)
    {
        if (utilization is < 0 or > 1)
        {
            // CloudSim would stop here; count it so that a run that leaves the model's range is visible.
            _powerOutOfRange++;
            utilization = Math.Clamp(utilization, 0, 1);
        }

        return _hostPower[h].AtCloudSim(utilization);
    }
}
