using System.Runtime.CompilerServices;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>The overload detectors of PowerVmAllocationPolicyMigration* (isHostOverUtilized) and the host utilisation histories they read.</summary>
internal sealed partial class ConsolidationSimulator
{
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
