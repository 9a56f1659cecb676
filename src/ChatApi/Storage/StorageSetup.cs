using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

public static class StorageSetup
{
    public const string DefaultConnectionString = "Data Source=chatapi.db";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = configuration.GetConnectionString("ChatApi");
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        if (!string.Equals(options.Capture, StorageCapture.Stored, StringComparison.OrdinalIgnoreCase) && !options.CapturesAll)
            throw new InvalidOperationException($"Storage:Capture '{options.Capture}' is not supported; use '{StorageCapture.Stored}' (default) or '{StorageCapture.All}'.");

        if (string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var settings = new SqliteConnectionSettings(options.SqliteSynchronous);
            services.AddPooledDbContextFactory<SqliteChatApiDbContext>(o =>
                o.UseSqlite(connectionString ?? DefaultConnectionString).AddInterceptors(settings));
            services.AddSingleton<IDbContextFactory<ChatApiDbContext>, ChatApiDbContextFactory<SqliteChatApiDbContext>>();
            services.AddHostedService<SqliteCheckpointer>();
        }
        else if (string.Equals(options.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Storage:Provider is Postgres but ConnectionStrings:ChatApi is not set.");
            services.AddPooledDbContextFactory<PostgresChatApiDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<ChatApiDbContext>, ChatApiDbContextFactory<PostgresChatApiDbContext>>();
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not supported; use '{StorageProviders.Sqlite}' or '{StorageProviders.Postgres}'.");
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ChatApiDbContext>>().CreateDbContext());
        services.AddSingleton<CompletionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CompletionWriter>());
        services.AddSingleton<CompletionStore>();
        services.AddSingleton<ResponseStore>();
        return services;
    }

    /// <summary>Applies migrations (never EnsureCreated: the schema evolves and data must survive upgrades).</summary>
    public static async Task MigrateStorageAsync(this IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ChatApiDbContext>>().CreateDbContextAsync();
        if (db.Database.IsSqlite())
        {
            // WAL persists in the file: readers never block the writer, and commits append instead of rewriting pages.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await db.Database.MigrateAsync();
    }
}
