using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// Stored responses. Every query is here, each on a pooled context of its own, and starts from <see cref="Rows"/>,
/// so a response of another project answers exactly as an unknown id does.
/// </summary>
public sealed class ResponseStore(IDbContextFactory<ChatApiDbContext> contexts)
{
    /// <summary>Stores <paramref name="row"/> in <paramref name="project"/>; returns once the row has committed.</summary>
    public async Task SaveAsync(StoredResponse row, string project, CancellationToken ct)
    {
        row.Project = project;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Responses.Add(row);
        // Once the backend has answered, the row is written even if the client leaves.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The response JSON as stored, or null.</summary>
    public Task<string?> FindAsync(string id, ProjectScope scope, CancellationToken ct) => Select(id, scope, r => r.ResponseJson, ct);

    /// <summary>The conversation after the response (chat messages as JSON), or null: one row read, whatever the chain.</summary>
    public Task<string?> ContextAsync(string id, ProjectScope scope, CancellationToken ct) => Select(id, scope, r => r.ContextJson, ct);

    /// <summary>The response's input items (a JSON array), or null.</summary>
    public Task<string?> InputItemsAsync(string id, ProjectScope scope, CancellationToken ct) => Select(id, scope, r => r.InputItemsJson, ct);

    /// <summary>Deletes every copy of the id the caller may see, so it answers 404 afterwards.</summary>
    public async Task<bool> DeleteAsync(string id, ProjectScope scope, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db, scope).Where(r => r.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    // An id stored twice (a replayed cassette, an upstream that repeats ids) is kept twice; a read by id means the latest.
    async Task<string?> Select(string id, ProjectScope scope, System.Linq.Expressions.Expression<Func<StoredResponse, string>> column, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db, scope).AsNoTracking().Where(r => r.Id == id).OrderByDescending(r => r.Seq).Select(column).FirstOrDefaultAsync(ct);
    }

    // The one place every query starts from.
    static IQueryable<StoredResponse> Rows(ChatApiDbContext db, ProjectScope scope) => db.Responses.VisibleTo(scope);
}
