using Microsoft.Data.Sqlite;

namespace StoreTool;

/// <summary>Raw Microsoft.Data.Sqlite inserts into ChatApi's schema with two reused prepared statements.</summary>
internal sealed class Inserter : IDisposable
{
    readonly SqliteConnection _connection;
    readonly SqliteCommand _completion;
    readonly SqliteCommand _metadata;

    public Inserter(string db, string pragmas)
    {
        _connection = new SqliteConnection($"Data Source={db}");
        _connection.Open();
        using (var setup = _connection.CreateCommand())
        {
            setup.CommandText = pragmas;
            setup.ExecuteNonQuery();
        }
        _completion = _connection.CreateCommand();
        _completion.CommandText = """INSERT INTO "Completions" ("Id", "Model", "Created", "ResponseJson", "MessagesJson") VALUES ($id, $model, $created, $response, $messages) RETURNING "Seq" """;
        foreach (var name in new[] { "$id", "$model", "$created", "$response", "$messages" })
            _completion.Parameters.Add(new SqliteParameter { ParameterName = name });
        _metadata = _connection.CreateCommand();
        _metadata.CommandText = """INSERT INTO "CompletionMetadata" ("CompletionSeq", "Key", "Value") VALUES ($seq, $key, $value)""";
        foreach (var name in new[] { "$seq", "$key", "$value" })
            _metadata.Parameters.Add(new SqliteParameter { ParameterName = name });
    }

    public void InsertBatch(IEnumerable<Rows.Row> rows)
    {
        using var transaction = _connection.BeginTransaction();
        _completion.Transaction = transaction;
        _metadata.Transaction = transaction;
        foreach (var row in rows)
        {
            _completion.Parameters[0].Value = row.Id;
            _completion.Parameters[1].Value = row.Model;
            _completion.Parameters[2].Value = row.Created;
            _completion.Parameters[3].Value = row.ResponseJson;
            _completion.Parameters[4].Value = row.MessagesJson;
            var seq = (long)_completion.ExecuteScalar()!;
            foreach (var (key, value) in row.Metadata)
            {
                _metadata.Parameters[0].Value = seq;
                _metadata.Parameters[1].Value = key;
                _metadata.Parameters[2].Value = value;
                _metadata.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        _completion.Dispose();
        _metadata.Dispose();
        _connection.Dispose();
    }
}
