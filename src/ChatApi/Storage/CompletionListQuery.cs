using ChatApi.Completions;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// The SQL for one list page. Keyset pagination on <c>Seq</c>, never OFFSET. With a metadata filter the walk
/// starts from the <c>(Key, Value, CompletionSeq)</c> index, so a rare value costs as little as a common one.
/// </summary>
internal static class CompletionListQuery
{
    public static IQueryable<StoredCompletionJson> Build(ChatApiDbContext db, string? model, IReadOnlyDictionary<string, string> metadata, long? afterSeq, ListOrder order)
    {
        IQueryable<Row> rows;
        if (metadata.Count == 0)
        {
            rows = db.Completions.AsNoTracking().Select(c => new Row { Seq = c.Seq, Id = c.Id, Model = c.Model, ResponseJson = c.ResponseJson });
        }
        else
        {
            var (firstKey, firstValue) = metadata.First();
            rows = db.Metadata.AsNoTracking()
                .Where(m => m.Key == firstKey && m.Value == firstValue)
                .Join(db.Completions, m => m.CompletionSeq, c => c.Seq, (m, c) => new Row { Seq = m.CompletionSeq, Id = c.Id, Model = c.Model, ResponseJson = c.ResponseJson });
            foreach (var (key, value) in metadata.Skip(1))
                rows = rows.Where(r => db.Metadata.Any(m => m.CompletionSeq == r.Seq && m.Key == key && m.Value == value));
        }

        if (model is not null)
            rows = rows.Where(r => r.Model == model);

        rows = order == ListOrder.Asc
            ? (afterSeq is { } a ? rows.Where(r => r.Seq > a) : rows).OrderBy(r => r.Seq)
            : (afterSeq is { } b ? rows.Where(r => r.Seq < b) : rows).OrderByDescending(r => r.Seq);
        return rows.Select(r => new StoredCompletionJson(r.Id, r.ResponseJson));
    }

    // An initializer projection (not a constructor) so EF can keep composing on its members.
    internal sealed class Row
    {
        public long Seq { get; init; }
        public required string Id { get; init; }
        public required string Model { get; init; }
        public required string ResponseJson { get; init; }
    }
}
