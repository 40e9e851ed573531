namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>Tuning of Shuyaku's forecasting policy (<see cref="OverloadDetection.Forecast"/>).</summary>
public sealed record ForecastOptions
{
    /// <summary>Samples of each VM's own past the forecast looks at (newest included).</summary>
    public int Window { get; init; } = 6;

    /// <summary>Standard deviations of the recent samples added to the forecast as a margin.</summary>
    public double Margin { get; init; } = 0.5;

    /// <summary>Whether a host that is off costs its idle power when a VM would switch it on (CloudSim's best fit counts it as free).</summary>
    public bool ChargeSwitchOn { get; init; } = true;
}

/// <summary>
/// Shuyaku's own policy. Each VM's demand for the next interval is forecast from its own samples up to now (never
/// later ones): the larger of the current value and the recent mean, plus a margin of the recent spread. A host is
/// overloaded when the forecasts of its VMs add up to more than the policy's parameter times its MIPS; placement is
/// CloudSim's best fit by power increase, except that switching a host on costs its idle power, and a VM is not put
/// where its forecast would exceed one PE.
/// </summary>
internal sealed partial class ConsolidationSimulator
{
    private readonly ForecastOptions _forecast;
    private double[] _forecastMips = [];

    private bool IsForecasting => _policy.Detection == OverloadDetection.Forecast;

    private void InitializeForecast()
    {
        if (IsForecasting)
        {
            _forecastMips = new double[_vmCount];
        }
    }

    private void BeginOptimization()
    {
        if (!IsForecasting)
        {
            return;
        }

        for (var v = 0; v < _vmCount; v++)
        {
            if (_removed[v])
            {
                continue;
            }

            var offset = v * HistoryLength;
            var count = Math.Min(_historyCount[v], _forecast.Window);
            if (count == 0)
            {
                _forecastMips[v] = _request[v];
                continue;
            }

            var mean = 0.0;
            for (var i = 0; i < count; i++)
            {
                mean += _history[offset + i];
            }

            mean /= count;
            var variance = 0.0;
            for (var i = 0; i < count; i++)
            {
                var d = _history[offset + i] - mean;
                variance += d * d;
            }

            var spread = count > 1 ? Math.Sqrt(variance / (count - 1)) : 0;
            var forecast = Math.Max(_utilization[v], mean) + (_forecast.Margin * spread);
            _forecastMips[v] = Math.Min(forecast, 1) * _vmMips[v];
        }
    }

    private bool IsOverloadedByForecast(int h, int extra)
    {
        var list = _list[h];
        var forecast = 0.0;
        for (var p = 0; p < _listCount[h]; p++)
        {
            forecast += _forecastMips[list[p]];
        }

        if (extra != NoHost)
        {
            forecast += _forecastMips[extra];
        }

        return forecast > _policy.Parameter * _hostTotalMips[h] || RequestedUtilization(h, extra) > 1;
    }

    private bool AcceptPlacement(int h, int v) => !IsForecasting || _forecastMips[v] <= _hostPeMips[h];

    /// <summary>The power a host draws now as the placement sees it; with the forecasting policy an off host draws nothing.</summary>
    private double PowerNow(int h) =>
        IsForecasting && _forecast.ChargeSwitchOn && _utilizationMips[h] == 0 && _listCount[h] == 0 ? 0 : Power(h, HostUtilization(h));
}
