using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatApi.Storage;

/// <summary>
/// Applies the per-connection SQLite settings each time a connection opens (they do not persist in the file).
/// <c>synchronous</c>: FULL (default) fsyncs the WAL at every commit, so an acknowledged completion survives a
/// power cut as well as a killed process; NORMAL survives a killed process only. Group commit pays the fsync
/// once per batch, not per request. <c>busy_timeout</c>: a writer that finds the lock taken waits instead of
/// failing with SQLITE_BUSY.
/// </summary>
public sealed class SqliteConnectionSettings(string synchronous) : DbConnectionInterceptor
{
    // Pooled connections keep their native handle, and the settings stay with it: apply them once per handle.
    readonly ConditionalWeakTable<object, object> _configured = [];

    public string Pragmas { get; } = PragmasFor(synchronous);

    public static string PragmasFor(string synchronous) =>
        synchronous.ToUpperInvariant() is "FULL" or "NORMAL"
            ? $"PRAGMA synchronous={synchronous.ToUpperInvariant()}; PRAGMA busy_timeout=10000;"
            : throw new InvalidOperationException($"Storage:SqliteSynchronous '{synchronous}' is not supported; use 'Full' or 'Normal'.");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || !_configured.TryAdd(handle, handle))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || !_configured.TryAdd(handle, handle))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
