using ChatApi.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChatApi.Tests.Storage;

/// <summary>A store created while ids were unique keeps its rows on upgrade and then takes an id a second time.</summary>
public sealed class IdIndexMigrationTests
{
    [Theory]
    [MemberData(nameof(TestStorage.Providers), MemberType = typeof(TestStorage))]
    public async Task Upgrade_FromUniqueIds_KeepsRowsAndAcceptsARepeatedId(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await TestStorage.CreateAsync(provider);
        await using ChatApiDbContext db = provider == TestStorage.Sqlite
            ? new SqliteChatApiDbContext(new DbContextOptionsBuilder<SqliteChatApiDbContext>().UseSqlite(storage.ConnectionString).Options)
            : new PostgresChatApiDbContext(new DbContextOptionsBuilder<PostgresChatApiDbContext>().UseNpgsql(storage.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync("ResponsesProject", ct);
        await InsertAsync(db, "chatcmpl-repeated", "resp_repeated", ct);
        await migrator.MigrateAsync(null, ct);
        await InsertAsync(db, "chatcmpl-repeated", "resp_repeated", ct);

        Assert.Equal(2, await db.Completions.CountAsync(c => c.Id == "chatcmpl-repeated", ct));
        Assert.Equal(2, await db.Responses.CountAsync(r => r.Id == "resp_repeated", ct));
    }

    static async Task InsertAsync(ChatApiDbContext db, string completionId, string responseId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $$"""INSERT INTO "Completions" ("Id", "Model", "Created", "ResponseJson", "MessagesJson") VALUES ({{completionId}}, 'gpt-4o', 1, '{}', '[]')""", ct);
        await db.Database.ExecuteSqlAsync(
            $$"""INSERT INTO "Responses" ("Id", "Model", "CreatedAt", "ResponseJson", "InputItemsJson", "ContextJson") VALUES ({{responseId}}, 'gpt-4o', 1, '{}', '[]', '[]')""", ct);
    }
}
