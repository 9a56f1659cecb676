using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatApi.Tests.Infrastructure;

/// <summary>
/// An empty store of either provider for one test: a fresh SQLite file, or a fresh PostgreSQL database
/// (created by the server's migrations, dropped afterwards). <see cref="Settings"/> points a server at it.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    TestStorage(string provider, string connectionString, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        PostgresDatabase = postgresDatabase;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    string? PostgresDatabase { get; }

    public Dictionary<string, string?> Settings => new()
    {
        ["Storage:Provider"] = Provider,
        ["ConnectionStrings:ChatApi"] = ConnectionString,
    };

    public static async Task<TestStorage> CreateAsync(string provider)
    {
        if (provider == Sqlite)
            return new TestStorage(provider, $"Data Source={Path.Combine(Path.GetTempPath(), $"chatapi-test-{Guid.NewGuid():N}.db")}", null);

        await PostgresServer.RequireAsync();
        var database = $"chatapi_test_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = database };
        return new TestStorage(provider, builder.ConnectionString, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresDatabase is null)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
