using System.Diagnostics.Metrics;

namespace ChatApi.Telemetry;

/// <summary>The group-commit writer: how many completions share a commit, and how long the commit takes.</summary>
internal static class StorageMetrics
{
    public static Histogram<int> BatchSize { get; } = ChatApiTelemetry.Meter.CreateHistogram(
        "chatapi.storage.batch_size", "{completion}", "Stored completions written by one commit.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    public static Histogram<double> CommitDuration { get; } = ChatApiTelemetry.Meter.CreateHistogram(
        "chatapi.storage.commit.duration", "s", "Time one group commit takes, fsync included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
}
