using System.Data.Common;
using System.Text;
using ChatApi.Completions;

namespace ChatApi.Storage;

/// <summary>
/// The SQL for one list page: keyset pagination on <c>Seq</c>, never OFFSET, so a deep page costs what the first
/// does. With a metadata filter the walk starts from the <c>(Key, Value, CompletionSeq)</c> index, so a rare value
/// costs as little as a common one; further pairs are EXISTS probes on the primary key. Plain SQL that SQLite and
/// PostgreSQL both accept, run on the context's connection: LINQ here spent more time building and matching the
/// expression tree than the database spent on the page.
/// </summary>
internal static class CompletionListQuery
{
    public static DbCommand Build(DbConnection connection, ProjectScope scope, string? model, IReadOnlyDictionary<string, string> metadata, string? after, ListOrder order, int take)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT c.\"Id\", c.\"ResponseJson\" FROM ");
        string seq;
        var where = new List<string>();
        if (metadata.Count == 0)
        {
            sql.Append("\"Completions\" AS c");
            seq = "c.\"Seq\"";
        }
        else
        {
            sql.Append("\"CompletionMetadata\" AS m0 JOIN \"Completions\" AS c ON c.\"Seq\" = m0.\"CompletionSeq\"");
            seq = "m0.\"CompletionSeq\"";
            var i = 0;
            foreach (var (key, value) in metadata)
            {
                Add(command, $"k{i}", key);
                Add(command, $"v{i}", value);
                where.Add(i == 0
                    ? "m0.\"Key\" = @k0 AND m0.\"Value\" = @v0"
                    : $"EXISTS (SELECT 1 FROM \"CompletionMetadata\" AS m{i} WHERE m{i}.\"CompletionSeq\" = c.\"Seq\" AND m{i}.\"Key\" = @k{i} AND m{i}.\"Value\" = @v{i})");
                i++;
            }
        }

        if (scope.SqlCondition(command, "c.\"Project\"") is { } visible)
            where.Add(visible);
        if (model is not null)
        {
            Add(command, "model", model);
            where.Add("c.\"Model\" = @model");
        }
        if (after is not null)
        {
            // The cursor resolves inside the statement: an unknown id, or another project's, compares as NULL and yields an empty page.
            Add(command, "after", after);
            where.Add($"{seq} {(order == ListOrder.Asc ? ">" : "<")} ({CursorSql(command, scope, order)})");
        }
        if (where.Count > 0)
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        Add(command, "take", take);
        sql.Append(" ORDER BY ").Append(seq).Append(order == ListOrder.Asc ? "" : " DESC").Append(" LIMIT @take");

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>
    /// The <c>Seq</c> of the <c>@after</c> id, when <paramref name="scope"/> may see it. An id stored more than once
    /// resolves to its copy furthest along the walk (the newest ascending, the oldest descending): the cursor cannot say
    /// which copy ended the page, and any other choice could hand a client the same page forever.
    /// </summary>
    public static string CursorSql(DbCommand command, ProjectScope scope, ListOrder order)
    {
        var furthest = order == ListOrder.Asc ? "MAX" : "MIN";
        return scope.SqlCondition(command, "\"Project\"") is { } visible
            ? $"SELECT {furthest}(\"Seq\") FROM \"Completions\" WHERE \"Id\" = @after AND {visible}"
            : $"SELECT {furthest}(\"Seq\") FROM \"Completions\" WHERE \"Id\" = @after";
    }

    static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
