using Microsoft.Data.Sqlite;

namespace ChatApi.Tests.Storage;

public sealed class PersistenceTests
{
    [Fact]
    public async Task StoredCompletion_SurvivesServerRestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chatapi-restart-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:ChatApi"] = $"Data Source={path}" };
        try
        {
            string id;
            await using (var first = new ChatApiFactory(settings))
                id = (await first.CreateClient().CreateStoredAsync(metadata: new() { ["run"] = "1" })).GetProperty("id").GetString()!;

            await using var second = new ChatApiFactory(settings);
            var found = await second.CreateClient().GetJsonAsync($"/v1/chat/completions/{id}");

            Assert.Equal("1", found.GetProperty("metadata").GetProperty("run").GetString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }
    }

    [Fact]
    public async Task Startup_AppliesMigrations()
    {
        await using var app = new ChatApiFactory();
        _ = app.CreateClient();

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";

        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 1);
    }
}
