using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatApi.Storage;

/// <summary>
/// Applies the per-connection SQLite settings each time a connection opens (they do not persist in the file).
/// <c>synchronous=FULL</c>: in WAL mode each commit fsyncs the log, so a completion acknowledged as stored survives
/// a power cut as well as a killed process (NORMAL survives only the latter). Group commit pays that fsync once per
/// batch, not per request. <c>busy_timeout</c>: a writer that finds the lock taken waits instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public static SqliteConnectionSettings Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection)
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection)
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
