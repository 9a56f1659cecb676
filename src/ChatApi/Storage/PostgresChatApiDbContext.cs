using Microsoft.EntityFrameworkCore;

namespace ChatApi.Storage;

/// <summary>The PostgreSQL schema; its migrations live in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresChatApiDbContext(DbContextOptions<PostgresChatApiDbContext> options) : ChatApiDbContext(options);
