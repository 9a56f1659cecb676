using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>Writes stored completions; a write returns only after its transaction committed.</summary>
public sealed class CompletionWriter(IDbContextFactory<ChatApiDbContext> contexts)
{
    public async Task WriteAsync(StoredCompletion row, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Completions.Add(row);
        await db.SaveChangesAsync(ct);
    }
}
