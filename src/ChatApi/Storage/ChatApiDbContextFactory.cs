using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>Hands out the configured provider's context as the shared <see cref="ChatApiDbContext"/>.</summary>
internal sealed class ChatApiDbContextFactory<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<ChatApiDbContext>
    where TContext : ChatApiDbContext
{
    public ChatApiDbContext CreateDbContext() => contexts.CreateDbContext();

    public async Task<ChatApiDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await contexts.CreateDbContextAsync(cancellationToken);
}
