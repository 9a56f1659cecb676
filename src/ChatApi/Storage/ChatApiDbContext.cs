using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>
/// The model both providers share. Each provider has its own subclass so each keeps its own migrations
/// (<see cref="SqliteChatApiDbContext"/>, <see cref="PostgresChatApiDbContext"/>); code outside Storage sees only this type.
/// </summary>
public abstract class ChatApiDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredCompletion> Completions => Set<StoredCompletion>();
    public DbSet<StoredMetadata> Metadata => Set<StoredMetadata>();
    public DbSet<StoredResponse> Responses => Set<StoredResponse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatApiDbContext).Assembly);
}
