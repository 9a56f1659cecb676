using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatApi.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresChatApiDbContext</c> build the model; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatApiDbContext>
{
    public PostgresChatApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatApiDbContext>().UseNpgsql("Host=127.0.0.1;Database=chatapi").Options);
}
