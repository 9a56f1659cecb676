using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>The SQLite schema; its migrations live in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteChatApiDbContext(DbContextOptions<SqliteChatApiDbContext> options) : ChatApiDbContext(options);
