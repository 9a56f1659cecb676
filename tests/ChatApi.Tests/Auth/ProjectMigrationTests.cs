using ChatApi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatApi.Tests.Auth;

/// <summary>Completions stored before projects existed move into the default project when the schema is upgraded.</summary>
public sealed class ProjectMigrationTests
{
    public static TheoryData<string> Providers => TestStorage.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upgrade_ExistingCompletions_JoinTheDefaultProject(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await TestStorage.CreateAsync(provider);
        await using ChatApiDbContext db = provider == TestStorage.Sqlite
            ? new SqliteChatApiDbContext(new DbContextOptionsBuilder<SqliteChatApiDbContext>().UseSqlite(storage.ConnectionString).Options)
            : new PostgresChatApiDbContext(new DbContextOptionsBuilder<PostgresChatApiDbContext>().UseNpgsql(storage.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync("InitialCreate", ct);
        await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Completions" ("Id", "Model", "Created", "ResponseJson", "MessagesJson") VALUES ('chatcmpl-old', 'gpt-4o', 1, '{{}}', '[]')""", ct);
        await migrator.MigrateAsync(null, ct);

        var project = await db.Completions.Where(c => c.Id == "chatcmpl-old").Select(c => c.Project).SingleAsync(ct);
        Assert.Equal("default", project);
    }
}
