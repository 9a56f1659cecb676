using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// Stored responses. Every query is here, each on a pooled context of its own, so scoping them (to a project, say)
/// is one filter in one place.
/// </summary>
public sealed class ResponseStore(IDbContextFactory<ChatApiDbContext> contexts)
{
    /// <summary>Returns once the row has committed.</summary>
    public async Task SaveAsync(StoredResponse row, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Responses.Add(row);
        // Once the backend has answered, the row is written even if the client leaves.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The response JSON as stored, or null.</summary>
    public Task<string?> FindAsync(string id, CancellationToken ct) => Select(id, r => r.ResponseJson, ct);

    /// <summary>The conversation after the response (chat messages as JSON), or null: one row read, whatever the chain.</summary>
    public Task<string?> ContextAsync(string id, CancellationToken ct) => Select(id, r => r.ContextJson, ct);

    /// <summary>The response's input items (a JSON array), or null.</summary>
    public Task<string?> InputItemsAsync(string id, CancellationToken ct) => Select(id, r => r.InputItemsJson, ct);

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db).Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    async Task<string?> Select(string id, System.Linq.Expressions.Expression<Func<StoredResponse, string>> column, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db).AsNoTracking().Where(r => r.Id == id).Select(column).FirstOrDefaultAsync(ct);
    }

    // The one place every query starts from.
    static IQueryable<StoredResponse> Rows(ChatApiDbContext db) => db.Responses;
}
