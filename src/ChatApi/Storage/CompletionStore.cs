using System.Text.Json;
using ChatApi.Completions;
using ChatApi.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>Stored completions: the rows, their metadata and their request messages.</summary>
public sealed class CompletionStore(ChatApiDbContext db, CompletionWriter writer)
{
    /// <summary>Returns once the completion's transaction has committed.</summary>
    public Task SaveAsync(StoredChatCompletion completion, IReadOnlyList<ChatCompletionRequestMessage> messages, CancellationToken ct) =>
        writer.WriteAsync(ToRow(completion, messages), ct);

    public async Task<StoredChatCompletion?> FindAsync(string id, CancellationToken ct)
    {
        var json = await db.Completions.AsNoTracking().Where(c => c.Id == id).Select(c => c.ResponseJson).FirstOrDefaultAsync(ct);
        return json is null ? null : Read(json);
    }

    /// <summary>A page in cursor order, or null when the <c>after</c> cursor names no stored completion.</summary>
    public async Task<Page<StoredChatCompletion>?> ListAsync(ListChatCompletionsQuery query, CancellationToken ct)
    {
        var page = query.Page;
        long? afterSeq = null;
        if (page.After is { } after && (afterSeq = await SeqOfAsync(after, ct)) is null)
            return null;

        var rows = CompletionListQuery.Build(db, query.Model, query.Metadata, afterSeq, page.Order);
        var json = await rows.Take(page.Limit + 1).ToListAsync(ct);
        var items = json.Take(page.Limit).Select(Read).ToList();
        return new Page<StoredChatCompletion>(items, json.Count > page.Limit);
    }

    /// <summary>Replaces the metadata; null when no such completion is stored.</summary>
    public async Task<StoredChatCompletion?> UpdateMetadataAsync(string id, IReadOnlyDictionary<string, string> metadata, CancellationToken ct)
    {
        var row = await db.Completions.Include(c => c.Metadata).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
            return null;

        var updated = Read(row.ResponseJson) with { Metadata = metadata };
        row.ResponseJson = Write(updated);
        row.Metadata.Clear();
        row.Metadata.AddRange(MetadataRows(metadata));
        await db.SaveChangesAsync(ct);
        return updated;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct) =>
        // Metadata rows go with it through the foreign key's ON DELETE CASCADE.
        await db.Completions.Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The stored request messages, or null when no such completion is stored.</summary>
    public async Task<IReadOnlyList<StoredMessage>?> MessagesAsync(string id, CancellationToken ct)
    {
        var json = await db.Completions.AsNoTracking().Where(c => c.Id == id).Select(c => c.MessagesJson).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize(json, ChatApiJsonContext.Default.IReadOnlyListStoredMessage);
    }

    Task<long?> SeqOfAsync(string id, CancellationToken ct) =>
        db.Completions.Where(c => c.Id == id).Select(c => (long?)c.Seq).FirstOrDefaultAsync(ct);

    static StoredCompletion ToRow(StoredChatCompletion completion, IReadOnlyList<ChatCompletionRequestMessage> messages)
    {
        IReadOnlyList<StoredMessage> stored = [.. messages.Select((m, i) => StoredMessage.From(completion.Id, i, m))];
        return new StoredCompletion
        {
            Id = completion.Id,
            Model = completion.Model,
            Created = completion.Created,
            ResponseJson = Write(completion),
            MessagesJson = JsonSerializer.Serialize(stored, ChatApiJsonContext.Default.IReadOnlyListStoredMessage),
            Metadata = [.. MetadataRows(completion.Metadata)],
        };
    }

    static IEnumerable<StoredMetadata> MetadataRows(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Select(p => new StoredMetadata { Key = p.Key, Value = p.Value });

    static StoredChatCompletion Read(string json) =>
        JsonSerializer.Deserialize(json, ChatApiJsonContext.Default.StoredChatCompletion)!;

    static string Write(StoredChatCompletion completion) =>
        JsonSerializer.Serialize(completion, ChatApiJsonContext.Default.StoredChatCompletion);
}
