using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

public sealed class ChatApiDbContext(DbContextOptions<ChatApiDbContext> options) : DbContext(options)
{
    public DbSet<StoredCompletion> Completions => Set<StoredCompletion>();
    public DbSet<StoredMetadata> Metadata => Set<StoredMetadata>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatApiDbContext).Assembly);
}
