using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatApi.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteChatApiDbContext</c> build the model without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatApiDbContext>
{
    public SqliteChatApiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatApiDbContext>().UseSqlite("Data Source=design.db").Options);
}
