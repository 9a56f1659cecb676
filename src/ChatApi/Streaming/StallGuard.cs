using System.IO.Pipelines;

namespace ChatApi.Streaming;

/// <summary>
/// Flushes a stream's writes, giving up on a client that has stopped reading: a flush that waits longer than the timeout
/// (<c>Limits:StalledWriterSeconds</c>) aborts the connection, which frees what was buffered for it, and ends the stream.
/// One timer per stream, re-armed for each flush.
/// </summary>
public sealed class StallGuard(HttpContext http, TimeSpan timeout, CancellationToken ct) : IDisposable
{
    readonly CancellationTokenSource _stall = CancellationTokenSource.CreateLinkedTokenSource(ct);

    public async Task FlushAsync(PipeWriter writer)
    {
        _stall.CancelAfter(timeout);
        FlushResult result;
        try
        {
            result = await writer.FlushAsync(_stall.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            result = new FlushResult(isCanceled: true, isCompleted: false);
        }
        if (result.IsCanceled && !ct.IsCancellationRequested)
        {
            http.Abort();
            throw new OperationCanceledException("The client stopped reading the stream.");
        }
        _stall.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _stall.Dispose();
}
