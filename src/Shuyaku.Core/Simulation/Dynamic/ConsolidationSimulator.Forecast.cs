namespace Shuyaku.Simulation.Dynamic;

/// <summary>Tuning of Shuyaku's forecasting policy.</summary>
public sealed record ForecastOptions
{
}

/// <summary>Shuyaku's own policy: decisions from per-VM forecasts that look only at each trace's past.</summary>
internal sealed partial class ConsolidationSimulator
{
    private readonly ForecastOptions _forecast;

    private void InitializeForecast()
    {
    }

    private void BeginOptimization(double time)
    {
    }

    private bool IsOverloadedByForecast(int h, int extra) => RequestedUtilization(h, extra) > _policy.Parameter;

    private bool AcceptPlacement(int h, int v) => true;

    private bool MayEvacuate(int h) => true;
}
