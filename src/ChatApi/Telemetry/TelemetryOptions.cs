namespace ChatApi.Telemetry;

/// <summary>Section <c>Telemetry</c>: which OpenTelemetry signals are collected and where they go.</summary>
public sealed class TelemetryOptions
{
    /// <summary>False turns OpenTelemetry off altogether (no metrics, no traces, no <c>/metrics</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Prometheus scrape endpoint <c>/metrics</c> (answered on loopback only).</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>OTLP export of metrics and traces; unset means on exactly when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public bool? Otlp { get; set; }

    /// <summary>Collect traces; unset means whenever they are exported (OTLP on).</summary>
    public bool? Traces { get; set; }
}
