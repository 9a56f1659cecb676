using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// The writer's own connection with its two insert statements prepared once. Plain ADO.NET rather than
/// SaveChanges: the rows need no change tracking, and the same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal sealed class CompletionBatchInserter : IAsyncDisposable
{
    const string InsertCompletionSql =
        """INSERT INTO "Completions" ("Id", "Model", "Project", "Created", "ResponseJson", "MessagesJson", "Captured") VALUES (@id, @model, @project, @created, @response, @messages, @captured) RETURNING "Seq" """;

    const string InsertMetadataSql =
        """INSERT INTO "CompletionMetadata" ("CompletionSeq", "Key", "Value") VALUES (@seq, @key, @value)""";

    readonly ChatApiDbContext _db;
    readonly DbConnection _connection;
    readonly DbCommand _insertCompletion;
    readonly DbCommand _insertMetadata;

    CompletionBatchInserter(ChatApiDbContext db)
    {
        _db = db;
        _connection = db.Database.GetDbConnection();
        _insertCompletion = Command(InsertCompletionSql, ("id", DbType.String), ("model", DbType.String), ("project", DbType.String), ("created", DbType.Int64), ("response", DbType.String), ("messages", DbType.String), ("captured", DbType.Boolean));
        _insertMetadata = Command(InsertMetadataSql, ("seq", DbType.Int64), ("key", DbType.String), ("value", DbType.String));
        _insertCompletion.Prepare();
        _insertMetadata.Prepare();
    }

    /// <summary>Opens through EF, so the provider's connection settings (SQLite's pragmas) apply.</summary>
    public static async Task<CompletionBatchInserter> OpenAsync(IDbContextFactory<ChatApiDbContext> contexts, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            if (db.Database.IsSqlite())
            {
                // SqliteCheckpointer copies the log into the file beside this connection, so commits never wait for it.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint=0;", ct);
            }
            return new CompletionBatchInserter(db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Inserts the rows and their metadata in one transaction and sets each row's <c>Seq</c>.</summary>
    public async Task InsertAsync(IEnumerable<StoredCompletion> rows, CancellationToken ct)
    {
        await using var transaction = await _connection.BeginTransactionAsync(ct);
        _insertCompletion.Transaction = transaction;
        _insertMetadata.Transaction = transaction;
        foreach (var row in rows)
        {
            Set(_insertCompletion, row.Id, row.Model, row.Project, row.Created, row.ResponseJson, row.MessagesJson, row.Captured);
            row.Seq = Convert.ToInt64(await _insertCompletion.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var pair in row.Metadata)
            {
                pair.CompletionSeq = row.Seq;
                Set(_insertMetadata, row.Seq, pair.Key, pair.Value);
                await _insertMetadata.ExecuteNonQueryAsync(ct);
            }
        }
        await transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _insertCompletion.DisposeAsync();
        await _insertMetadata.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
        await _db.DisposeAsync();
    }

    DbCommand Command(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
    }
}
