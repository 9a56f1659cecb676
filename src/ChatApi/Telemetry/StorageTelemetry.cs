using System.Diagnostics;

namespace ChatApi.Telemetry;

/// <summary>One group commit: a span linked to every request that waits on it, and the batch-size and commit-time metrics.</summary>
public sealed class StorageTelemetry : IDisposable
{
    readonly Activity? _activity;
    readonly int _count;
    readonly long _started = Stopwatch.GetTimestamp();

    StorageTelemetry(Activity? activity, int count)
    {
        _activity = activity;
        _count = count;
    }

    /// <summary>Starts timing a commit of <paramref name="callers"/>' rows (each the span context its request stored from).</summary>
    public static StorageTelemetry StartCommit(IReadOnlyCollection<ActivityContext> callers)
    {
        Activity? activity = null;
        if (ChatApiTelemetry.Source.HasListeners())
        {
            var links = callers.Where(c => c != default).Select(c => new ActivityLink(c));
            activity = ChatApiTelemetry.Source.StartActivity("chatapi.storage.commit", ActivityKind.Internal, parentContext: default, links: links);
            activity?.SetTag(GenAiAttributes.BatchSize, callers.Count);
        }
        return new StorageTelemetry(activity, callers.Count);
    }

    public void Failed() => _activity?.SetStatus(ActivityStatusCode.Error);

    public void Dispose()
    {
        StorageMetrics.BatchSize.Record(_count);
        StorageMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
        _activity?.Dispose();
    }
}
