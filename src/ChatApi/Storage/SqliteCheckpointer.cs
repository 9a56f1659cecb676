using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on its own connection. Left to the writer
/// (auto-checkpoint), a checkpoint lands inside a commit every few thousand rows and holds up every request of
/// that batch for tens of milliseconds. PASSIVE checkpoints block nobody but cannot rewind the log while the
/// writer keeps appending, so once the log passes <see cref="RestartFrames"/> a RESTART checkpoint briefly
/// waits for the writer, copies the little the passive ones left, and starts the log over.
/// </summary>
internal sealed class SqliteCheckpointer(IDbContextFactory<ChatApiDbContext> contexts, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    const int RestartFrames = 8192;   // about 32 MB of log with 4 KB pages
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CheckpointAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            if (await LogFramesAfterAsync(connection, "PASSIVE", ct) > RestartFrames)
                await LogFramesAfterAsync(connection, "RESTART", ct);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "SQLite checkpoint failed; the next one retries.");
        }
    }

    /// <summary>Runs a checkpoint and returns the frames in the log (its second column).</summary>
    static async Task<long> LogFramesAfterAsync(DbConnection connection, string mode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetInt64(1) : 0;
    }
}
