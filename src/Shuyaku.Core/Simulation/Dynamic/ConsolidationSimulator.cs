using System.Runtime.CompilerServices;
using Shuyaku.Core.Power;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>
/// An array-based re-implementation of CloudSim 3.0.3's power package for the PlanetLab experiment: hosts with a
/// time-shared over-subscribing VM scheduler, 300 s datacenter updates, consolidation at each update, migrations that
/// end as separate events, and the energy and SLA bookkeeping of <c>PowerDatacenter</c>, <c>HostDynamicWorkload</c>
/// and <c>Helper.printResults</c>. Comments name the CloudSim method each step stands for; quirks are kept on purpose
/// (see planetlab/CLOUDSIM-EXPERIMENT.md in the shared data beside the repository, and docs/validation.md).
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
    private readonly PowerCurve[] _hostPower;
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
        _hostPower = new PowerCurve[_hostCount];
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
}
