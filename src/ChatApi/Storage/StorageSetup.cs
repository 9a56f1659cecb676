using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

public static class StorageSetup
{
    public const string DefaultConnectionString = "Data Source=chatapi.db";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("ChatApi") ?? DefaultConnectionString;
        services.AddPooledDbContextFactory<ChatApiDbContext>(o => o.UseSqlite(connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ChatApiDbContext>>().CreateDbContext());
        services.AddSingleton<CompletionWriter>();
        services.AddScoped<CompletionStore>();
        return services;
    }

    /// <summary>Applies migrations (never EnsureCreated: the schema evolves and data must survive upgrades).</summary>
    public static async Task MigrateStorageAsync(this IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ChatApiDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
