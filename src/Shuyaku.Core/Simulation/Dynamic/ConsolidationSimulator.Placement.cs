using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>PowerVmAllocationPolicyMigrationAbstract.findHostForVm: power-aware best fit over the hosts that can take a VM.</summary>
internal sealed partial class ConsolidationSimulator
{
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
        _candidateDifference[i] = _hostPower[h].AtCloudSim(Math.Clamp(after, 0, 1)) - _powerNow[h];
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
}
