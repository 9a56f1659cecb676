using System.Diagnostics.Metrics;

namespace ChatApi.Telemetry;

/// <summary>The GenAI semantic conventions' server metrics, with the bucket boundaries the conventions advise.</summary>
internal static class GenAiMetrics
{
    public static Histogram<double> RequestDuration { get; } = ChatApiTelemetry.Meter.CreateHistogram(
        "gen_ai.server.request.duration", "s", "Time from the request's arrival to the last byte of its answer.",
        advice: Buckets(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92));

    public static Histogram<double> TimeToFirstToken { get; } = ChatApiTelemetry.Meter.CreateHistogram(
        "gen_ai.server.time_to_first_token", "s", "Time from the request's arrival to a stream's first chunk.",
        advice: Buckets(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0));

    public static Histogram<double> TimePerOutputToken { get; } = ChatApiTelemetry.Meter.CreateHistogram(
        "gen_ai.server.time_per_output_token", "s", "A stream's time per output token after its first chunk.",
        advice: Buckets(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5));

    public static Histogram<long> TokenUsage { get; } = ChatApiTelemetry.Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Input and output tokens of each completion.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    static InstrumentAdvice<double> Buckets(params double[] boundaries) => new() { HistogramBucketBoundaries = boundaries };
}
