using System.Diagnostics;

namespace ChatApi.Storage;

/// <summary>A row waiting for the writer, and the task its request awaits until the row's transaction committed.</summary>
internal sealed class PendingWrite(StoredCompletion row)
{
    readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoredCompletion Row { get; } = row;

    /// <summary>The span of the request that queued the row, which the commit's span links to.</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    public Task Committed => _committed.Task;

    public void Succeed() => _committed.TrySetResult();

    public void Fail(Exception error) => _committed.TrySetException(error);
}
