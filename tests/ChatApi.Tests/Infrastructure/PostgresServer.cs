using Npgsql;

namespace ChatApi.Tests.Infrastructure;

/// <summary>The PostgreSQL named by <c>CHATAPI_POSTGRES</c> (see <c>.ci/postgres.sh</c>), checked once per run.</summary>
public static class PostgresServer
{
    public const string Variable = "CHATAPI_POSTGRES";

    static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : "Host=127.0.0.1;Username=postgres;Password=postgres";

    /// <summary>Skips the test (or fails it under CHATAPI_REQUIRE_ALL=1) when no server answers.</summary>
    public static async Task RequireAsync()
    {
        if (await Problem.Value is { } problem)
            ExternalRequirement.Missing($"PostgreSQL is not reachable at '{Host()}' ({problem}); set {Variable}");
    }

    public static async Task<bool> IsReachableAsync() => await Problem.Value is null;

    static async Task<string?> FindProblemAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 15 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    static string Host()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return $"(not a connection string: {ConnectionString})";
        }
    }
}
