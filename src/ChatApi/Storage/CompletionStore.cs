using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Completions;
using ChatApi.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatApi.Storage;

/// <summary>
/// Stored completions: the rows, their metadata and their request messages. Each read rents a pooled context
/// for itself, so a request that stores nothing never touches the database.
/// </summary>
public sealed class CompletionStore(IDbContextFactory<ChatApiDbContext> contexts, CompletionWriter writer, IOptions<StorageOptions> options)
{
    readonly bool _capturesAll = options.Value.CapturesAll;

    /// <summary>Whether this request's completion is kept: <c>store: true</c>, or any under <c>Storage:Capture=all</c>.</summary>
    public bool Keeps(CreateChatCompletionRequest request) => request.Store == true || _capturesAll;

    /// <summary>Stores <paramref name="row"/> in <paramref name="project"/>; returns once the completion's transaction has committed.</summary>
    public Task SaveAsync(StoredCompletion row, string project, CancellationToken ct)
    {
        row.Project = project;
        return writer.WriteAsync(row, ct);
    }

    /// <summary>Forgets every captured completion (never one stored with <c>store: true</c>); returns how many.</summary>
    public async Task<int> ForgetCapturedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Completions.Where(c => c.Captured).ExecuteDeleteAsync(ct);
    }

    /// <summary>The stored completion's JSON, as get returns it.</summary>
    public async Task<string?> FindAsync(string id, ProjectScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Newest(db.Completions.AsNoTracking(), id, scope).Select(c => c.ResponseJson).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// A page in cursor order, or null when the <c>after</c> cursor names no stored completion.
    /// Items stay the stored JSON: the list writes them through without a parse and a reserialize.
    /// </summary>
    public async Task<Page<StoredCompletionJson>?> ListAsync(ListChatCompletionsQuery query, ProjectScope scope, CancellationToken ct)
    {
        var page = query.Page;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var items = new List<StoredCompletionJson>(page.Limit + 1);
            await using (var command = CompletionListQuery.Build(connection, scope, query.Model, query.Metadata, page.After, page.Order, page.Limit + 1))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                    items.Add(new StoredCompletionJson(reader.GetString(0), reader.GetString(1)));
            }
            // An empty page is the only one that can hide an unknown cursor.
            if (items.Count == 0 && page.After is { } after && await SeqOfAsync(connection, after, scope, ct) is null)
                return null;

            var hasMore = items.Count > page.Limit;
            if (hasMore)
                items.RemoveAt(page.Limit);
            return new Page<StoredCompletionJson>(items, hasMore);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Replaces the metadata and returns the updated JSON; null when no such completion is stored.</summary>
    public async Task<string?> UpdateMetadataAsync(string id, IReadOnlyDictionary<string, string> metadata, ProjectScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await Newest(db.Completions.Include(c => c.Metadata), id, scope).FirstOrDefaultAsync(ct);
        if (row is null)
            return null;

        var document = JsonNode.Parse(row.ResponseJson)!.AsObject();
        document["metadata"] = JsonSerializer.SerializeToNode(metadata, ChatApiJsonContext.Default.IReadOnlyDictionaryStringString);
        row.ResponseJson = document.ToJsonString(ChatApiJson.Options);
        row.Metadata.Clear();
        row.Metadata.AddRange(metadata.Select(p => new StoredMetadata { Key = p.Key, Value = p.Value }));
        await db.SaveChangesAsync(ct);
        return row.ResponseJson;
    }

    /// <summary>Deletes every copy of the id the caller may see, so it answers 404 afterwards.</summary>
    public async Task<bool> DeleteAsync(string id, ProjectScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Metadata rows go with it through the foreign key's ON DELETE CASCADE.
        return await db.Completions.VisibleTo(scope).Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The stored request messages, each as its JSON, or null when no such completion is stored.</summary>
    public async Task<IReadOnlyList<JsonElement>?> MessagesAsync(string id, ProjectScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var json = await Newest(db.Completions.AsNoTracking(), id, scope).Select(c => c.MessagesJson).FirstOrDefaultAsync(ct);
        return json is null ? null : [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
    }

    /// <summary>
    /// The copies of <paramref name="id"/> <paramref name="scope"/> may see, newest first: an id stored twice (a replayed
    /// cassette, an upstream that repeats ids) is kept twice, and a read by id means the latest.
    /// </summary>
    static IQueryable<StoredCompletion> Newest(IQueryable<StoredCompletion> rows, string id, ProjectScope scope) =>
        rows.VisibleTo(scope).Where(c => c.Id == id).OrderByDescending(c => c.Seq);

    static async Task<long?> SeqOfAsync(DbConnection connection, string id, ProjectScope scope, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = CompletionListQuery.CursorSql(command, scope, ListOrder.Asc);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "after";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(ct) is { } seq and not DBNull ? Convert.ToInt64(seq, CultureInfo.InvariantCulture) : null;
    }
}
