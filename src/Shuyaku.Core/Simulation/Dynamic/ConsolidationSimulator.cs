using System.Runtime.CompilerServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>
/// An array-based re-implementation of CloudSim 3.0.3's power package for the PlanetLab experiment: hosts with a
/// time-shared over-subscribing VM scheduler, 300 s datacenter updates, consolidation at each update, migrations that
/// end as separate events, and the energy and SLA bookkeeping of <c>PowerDatacenter</c>, <c>HostDynamicWorkload</c>
/// and <c>Helper.printResults</c>. Comments name the CloudSim method each step stands for; quirks are kept on purpose
/// (see CLOUDSIM-EXPERIMENT.md).
/// </summary>
internal sealed partial class ConsolidationSimulator
{
    private const int HistoryLength = 30;
    private const int InitialListCapacity = 8;
    private const int NoHost = -1;
    private const double Interval = CloudSimSetup.SchedulingInterval;
    private const double FallbackThreshold = 0.7;

    private readonly ConsolidationPolicy _policy;
    private readonly Random _random;
    private readonly Action<double, int, int, int>? _onMigration;

    // Hosts.
    private readonly int _hostCount;
    private readonly double[] _hostTotalMips;
    private readonly double[] _hostPeMips;
    private readonly SpecPowerModel[] _hostPower;
    private readonly int[] _hostRamFree;
    private readonly long[] _hostBwFree;
    private readonly double[] _availableMips;
    private readonly double[] _utilizationMips;
    private readonly double[] _previousUtilizationMips;
    private readonly int[] _listCount;
    private readonly int[][] _list;           // per host, its vmList in order
    private readonly double[][] _listRequest; // the MIPS requested when the scheduler allocated that VM
    private readonly double[][] _listAlloc;   // the MIPS the scheduler allocated (its mipsMap)
    private readonly bool[] _migratingIn;   // vm * hostCount + host: the host's vmsMigratingIn
    private readonly int[] _migratingInCount;
    private readonly bool[] _migratingOut;  // the scheduler's migrating-out list; entries can outlive the VM's stay (a CloudSim quirk)
    private readonly int[] _listVersion;
    private readonly double[] _hostEntryTime;
    private readonly double[] _hostEntryAllocated;
    private readonly double[] _hostEntryRequested;
    private readonly bool[] _hostEntryActive;

    // VMs.
    private readonly int _vmCount;
    private readonly double[] _vmMips;
    private readonly int[] _vmRam;
    private readonly long[] _vmBw;
    private readonly double[] _samples;
    private readonly double[] _utilization; // of the trace at the current time
    private readonly double[] _request;     // MIPS requested at the current time
    private readonly bool[] _inMigration;
    private readonly int[] _vmHost;         // vm.getHost()
    private readonly int[] _vmTable;        // the allocation policy's vmTable
    private readonly bool[] _removed;
    private readonly bool[] _touched;
    private readonly List<int> _touchedHosts = [];
    private readonly int[] _heldRam;
    private readonly long[] _heldBw;
    private readonly double[] _history;     // newest first, HistoryLength per VM
    private readonly int[] _historyCount;
    private readonly double[] _historyTime;
    private readonly double[] _vmEntryTime;
    private readonly double[] _vmEntryAllocated;
    private readonly double[] _vmEntryRequested;
    private readonly bool[] _vmEntryMigrating;
    private int _instantiating = NoHost;
    private bool _samplingNow;
    private readonly bool _keepsHistory;

    // Scratch.
    private readonly double[] _hostHistoryBase;
    private readonly int[] _hostHistoryVersion;
    private readonly int[] _hostHistoryLength;
    private readonly int[] _hostHistoryEpoch;
    private readonly double[] _scratch = new double[HistoryLength];
    private int _historyEpoch;
    private readonly bool[] _excludedForPlacement;
    private readonly double[] _powerNow;
    private readonly bool[] _isActive;
    private readonly List<int> _active = [];
    private readonly int[] _idleCursor = new int[2];
    private readonly bool _exhaustiveHostSearch;
    private readonly int[] _candidateHost;
    private readonly bool[] _candidateOccupied;
    private readonly double[] _candidateDifference;
    private int _candidateCount;
    private readonly double[] _utilizationMipsCache;
    private readonly int[] _utilizationMipsVersion;
    private readonly int[] _underloadOrder;
    private readonly double[] _underloadKey;
    private readonly bool[] _excludedForUnderload;
    private readonly int[][] _savedList;
    private readonly int[] _savedCount;
    private readonly List<(int Vm, int Host)> _migrationMap = [];
    private readonly List<int> _vmsToMigrate = [];
    private readonly List<(int Vm, int Host)> _underloadPlacement = [];

    // Clock and results.
    private double _lastProcessTime;
    private double _energyJoules;
    private int _migrations;
    private double _slaViolationTime;
    private double _activeTime;
    private double _requestedMipsSeconds;
    private double _migrationShortfallMipsSeconds;
    private int _powerOutOfRange;
    private int _removedVms;

    public ConsolidationSimulator(PlanetLabDay day, ConsolidationPolicy policy, SimulationOptions options)
    {
        _policy = policy;
        _random = new Random(options.Seed);
        _onMigration = options.OnMigration;

        // Only the history-based detectors read the VMs' utilisation history; the others need not keep it.
        _keepsHistory = policy.Detection is not (OverloadDetection.None or OverloadDetection.Threshold);
        _forecast = options.Forecast;

        _hostCount = options.HostCount;
        _hostTotalMips = new double[_hostCount];
        _hostPeMips = new double[_hostCount];
        _hostPower = new SpecPowerModel[_hostCount];
        _hostRamFree = new int[_hostCount];
        _hostBwFree = new long[_hostCount];
        _availableMips = new double[_hostCount];
        _utilizationMips = new double[_hostCount];
        _previousUtilizationMips = new double[_hostCount];
        _listCount = new int[_hostCount];
        _list = new int[_hostCount][];
        _listRequest = new double[_hostCount][];
        _listAlloc = new double[_hostCount][];
        _migratingInCount = new int[_hostCount];
        _listVersion = new int[_hostCount];
        _hostEntryTime = new double[_hostCount];
        _hostEntryAllocated = new double[_hostCount];
        _hostEntryRequested = new double[_hostCount];
        _hostEntryActive = new bool[_hostCount];
        _hostHistoryBase = new double[_hostCount * HistoryLength];
        _hostHistoryVersion = new int[_hostCount];
        _hostHistoryLength = new int[_hostCount];
        _hostHistoryEpoch = new int[_hostCount];
        _excludedForPlacement = new bool[_hostCount];
        _touched = new bool[_hostCount];
        _powerNow = new double[_hostCount];
        _isActive = new bool[_hostCount];
        _candidateHost = new int[_hostCount];
        _candidateOccupied = new bool[_hostCount];
        _candidateDifference = new double[_hostCount];
        _exhaustiveHostSearch = options.ExhaustiveHostSearch;
        _utilizationMipsCache = new double[_hostCount];
        _utilizationMipsVersion = new int[_hostCount];
        _underloadOrder = new int[_hostCount];
        _underloadKey = new double[_hostCount];
        _excludedForUnderload = new bool[_hostCount];
        _savedList = new int[_hostCount][];
        _savedCount = new int[_hostCount];
        for (var h = 0; h < _hostCount; h++)
        {
            var type = CloudSimSetup.HostTypes[h % 2];
            _hostTotalMips[h] = type.TotalMips;
            _hostPeMips[h] = type.PeMips;
            _hostPower[h] = type.Power;
            _hostRamFree[h] = type.RamMb;
            _hostBwFree[h] = type.Bandwidth;
            _availableMips[h] = type.TotalMips;
            _list[h] = new int[InitialListCapacity];
            _listRequest[h] = new double[InitialListCapacity];
            _listAlloc[h] = new double[InitialListCapacity];
            _savedList[h] = new int[InitialListCapacity];
            _hostEntryTime[h] = double.NaN;
            _hostHistoryEpoch[h] = -1;
            _utilizationMipsVersion[h] = -1;
        }

        _vmCount = day.VmCount;
        _vmMips = new double[_vmCount];
        _migratingIn = new bool[_hostCount * _vmCount];
        _migratingOut = new bool[_hostCount * _vmCount];
        _vmRam = new int[_vmCount];
        _vmBw = new long[_vmCount];
        _samples = day.Samples.ToArray();
        _utilization = new double[_vmCount];
        _request = new double[_vmCount];
        _inMigration = new bool[_vmCount];
        _vmHost = new int[_vmCount];
        _vmTable = new int[_vmCount];
        _removed = new bool[_vmCount];
        _heldRam = new int[_vmCount];
        _heldBw = new long[_vmCount];
        _history = new double[_vmCount * HistoryLength];
        _historyCount = new int[_vmCount];
        _historyTime = new double[_vmCount];
        _vmEntryTime = new double[_vmCount];
        _vmEntryAllocated = new double[_vmCount];
        _vmEntryRequested = new double[_vmCount];
        _vmEntryMigrating = new bool[_vmCount];
        for (var v = 0; v < _vmCount; v++)
        {
            var type = CloudSimSetup.VmTypes[day.VmTypeIndexes[v]];
            _vmMips[v] = type.Mips;
            _vmRam[v] = type.RamMb;
            _vmBw[v] = type.Bandwidth;
            _vmHost[v] = NoHost;
            _vmTable[v] = NoHost;
            _vmEntryTime[v] = double.NaN;
        }

        InitializeForecast();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SimulationResult Run()
    {
        PlaceAtStart();

        // The datacenter event chain: cloudlets arrive at 0.1, then an update every 300 s, added up as CloudSim's
        // clock adds them. Migrations end as their own events between two updates.
        var time = 0.1;
        var completions = new List<(double Time, int Sequence, int Vm, int Host)>();
        while (true)
        {
            time += Interval;
            if (time > CloudSimSetup.SimulationLimit)
            {
                break;
            }

            // PowerDatacenter.updateCloudletProcessing
            if (time > _lastProcessTime)
            {
                ForceUpdate(time);
                if (_policy.Detection != OverloadDetection.None)
                {
                    OptimizeAllocation(time);
                    completions.Clear();
                    for (var i = 0; i < _migrationMap.Count; i++)
                    {
                        var (vm, host) = _migrationMap[i];
                        _onMigration?.Invoke(time, vm, _vmTable[vm], host);
                        AddMigratingInVm(host, vm, time);
                        _migrations++;
                        // Migration time = RAM / (half the target's bandwidth in MB/s), as PowerDatacenter sends it.
                        completions.Add((time + (_vmRam[vm] / (CloudSimSetup.HostTypes[host % 2].Bandwidth / (2.0 * 8000))), i, vm, host));
                    }

                    completions.Sort();
                    for (var i = 0; i < completions.Count; i++)
                    {
                        var (at, _, vm, host) = completions[i];
                        if (at > CloudSimSetup.SimulationLimit)
                        {
                            break;
                        }

                        // PowerDatacenter.processVmMigrate
                        if (at > _lastProcessTime)
                        {
                            ForceUpdate(at);
                        }

                        Touch(_vmTable[vm]);
                        Touch(host);
                        CompleteMigration(vm, host);
                        if (i + 1 == completions.Count || completions[i + 1].Time > at)
                        {
                            // The forced update after the last migration ending at this time. Its clock has not
                            // moved since the update before the first one, so only the hosts a VM left or joined
                            // can come out different; updating the others again would change nothing.
                            RefreshTouchedHosts(at);
                        }
                    }
                }

                _lastProcessTime = Math.Max(_lastProcessTime, time);
            }
        }

        var slatah = _activeTime > 0 ? _slaViolationTime / _activeTime : 0;
        var pdm = _requestedMipsSeconds > 0 ? _migrationShortfallMipsSeconds / _requestedMipsSeconds : 0;
        var energyKwh = _energyJoules / (3600 * 1000);
        return new SimulationResult(
            energyKwh, _migrations, slatah, pdm, slatah * pdm, energyKwh * slatah * pdm,
            _removedVms, _powerOutOfRange);
    }

    // ---- Start: VMs created at t = 0 while "being instantiated" (requesting their full MIPS). ----

    private void PlaceAtStart()
    {
        var none = new bool[_hostCount];
        RefreshPowerNow();
        ResetHostSearch();
        for (var v = 0; v < _vmCount; v++)
        {
            _instantiating = v;
            var host = _policy.Detection == OverloadDetection.None ? FirstFit(v) : FindHostForVm(v, none);
            if (host == NoHost)
            {
                throw SimulationException.VmNotPlaced(v);
            }

            VmCreate(host, v);
            _instantiating = NoHost;
            _vmTable[v] = host;

            // After creation the VM asks for what its (not yet submitted) cloudlet uses: nothing.
            _request[v] = 0;
        }
    }

    private int FirstFit(int v)
    {
        for (var h = 0; h < _hostCount; h++)
        {
            if (IsSuitableForVm(h, v))
            {
                return h;
            }
        }

        return NoHost;
    }

    private bool IsMigratingIn(int h, int v) => _migratingInCount[h] > 0 && _migratingIn[(v * _hostCount) + h];

    private bool IsMigratingOut(int h, int v) => _migratingOut[(v * _hostCount) + h];

    private double CurrentRequest(int v) => v == _instantiating ? _vmMips[v] : _request[v];

    // ---- Datacenter updates. ----

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

        return _hostPower[h].Watts(utilization);
    }

    // ---- The VM scheduler (VmSchedulerTimeSharedOverSubscription). ----

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
