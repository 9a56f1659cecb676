using ChatApi.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatApi.Tests.Storage;

/// <summary>Each provider's migrations describe the current model, so a deployment's schema matches the code.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Model_Sqlite_HasNoChangesMissingAMigration()
    {
        using var db = new SqliteChatApiDbContext(new DbContextOptionsBuilder<SqliteChatApiDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SqliteChatApiDbContext (docs/storage.md)");
    }

    [Fact]
    public void Model_Postgres_HasNoChangesMissingAMigration()
    {
        using var db = new PostgresChatApiDbContext(new DbContextOptionsBuilder<PostgresChatApiDbContext>().UseNpgsql("Host=127.0.0.1").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for PostgresChatApiDbContext (docs/storage.md)");
    }
}
