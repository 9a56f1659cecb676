using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatApi.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ChatApiDbContext>
{
    public ChatApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ChatApiDbContext>().UseSqlite("Data Source=design.db").Options);
}
