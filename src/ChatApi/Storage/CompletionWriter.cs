using System.Threading.Channels;
using ChatApi.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// Group commit: requests queue their rows, and one background writer takes everything queued (up to
/// <see cref="MaxBatch"/>), inserts it in one transaction and then releases each request. Concurrent requests
/// so share one commit (and its fsync), and as the only inserter the writer never contends for SQLite's write lock.
/// </summary>
public sealed class CompletionWriter(IDbContextFactory<ChatApiDbContext> contexts, ILogger<CompletionWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    // Bounded, so a writer that falls behind slows requests down instead of queueing without limit.
    readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(8 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Returns once the row's transaction has committed; the row's <c>Seq</c> is then set.</summary>
    public async Task WriteAsync(StoredCompletion row, CancellationToken ct)
    {
        var pending = new PendingWrite(row);
        await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the write goes ahead even if the client leaves, so the answer reflects what was stored.
        await pending.Committed;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var batch = new List<PendingWrite>(MaxBatch);
        CompletionBatchInserter? inserter = null;
        try
        {
            // Runs until StopAsync completes the queue, so rows queued before shutdown are still written.
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                    batch.Add(pending);
                inserter = await CommitAsync(inserter, batch);
                batch.Clear();
            }
        }
        finally
        {
            if (inserter is not null)
                await inserter.DisposeAsync();
        }
    }

    async Task<CompletionBatchInserter?> CommitAsync(CompletionBatchInserter? inserter, List<PendingWrite> batch)
    {
        using var telemetry = StorageTelemetry.StartCommit(batch.ConvertAll(p => p.Caller));
        try
        {
            inserter ??= await CompletionBatchInserter.OpenAsync(contexts, CancellationToken.None);
            await inserter.InsertAsync(batch.Select(p => p.Row), CancellationToken.None);
            batch.ForEach(p => p.Succeed());
            return inserter;
        }
        catch (Exception error)
        {
            telemetry.Failed();
            logger.LogWarning(error, "A batch of {Count} stored completions failed; retrying them one by one.", batch.Count);
            if (inserter is not null)
                await inserter.DisposeAsync();
        }

        // One bad row (say an upstream id longer than its column) must not fail the requests that shared its batch.
        inserter = null;
        foreach (var pending in batch)
        {
            try
            {
                inserter ??= await CompletionBatchInserter.OpenAsync(contexts, CancellationToken.None);
                await inserter.InsertAsync([pending.Row], CancellationToken.None);
                pending.Succeed();
            }
            catch (Exception error)
            {
                pending.Fail(error);
                if (inserter is not null)
                    await inserter.DisposeAsync();
                inserter = null;
            }
        }
        return inserter;
    }
}
