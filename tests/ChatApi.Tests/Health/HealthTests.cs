using System.Net;
using ChatApi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ChatApi.Tests.Health;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_Always_AnswersHealthy()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Get, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{}}""", body.GetRawText());
    }

    [Fact]
    public async Task Ready_MigratedDatabase_NamesTheDatabaseCheck()
    {
        await using var app = new ChatApiFactory();

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Get, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy"}}""", body.GetRawText());
    }

    [Fact]
    public async Task Ready_MigrationMissing_Answers503()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        await client.GetJsonAsync("/health/ready");
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM __EFMigrationsHistory";
            await forget.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("""{"status":"Unhealthy","checks":{"database":"Unhealthy"}}""", body.GetRawText());
    }

    [Fact]
    public async Task Ready_UpstreamDown_ReportedAsDegradedButReady()
    {
        await using var app = new ChatApiFactory(DeadUpstream());

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Get, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"Degraded","checks":{"database":"Healthy","upstream:local":"Degraded"}}""", body.GetRawText());
    }

    [Fact]
    public async Task Ready_UpstreamDownAndRequired_Answers503()
    {
        var settings = DeadUpstream();
        settings["Health:UpstreamsRequired"] = "true";
        await using var app = new ChatApiFactory(settings);

        var (status, body) = await app.CreateClient().SendJsonAsync(HttpMethod.Get, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("upstream:local").GetString());
    }

    [Fact]
    public async Task Ready_UpstreamAnswers_ReportedHealthy()
    {
        await using var upstream = new ChatApiFactory();
        var upstreamBase = upstream.StartOnLoopback();
        await using var app = new ChatApiFactory(new() { ["Backends:Upstreams:local:BaseUrl"] = new Uri(upstreamBase, "/v1").ToString() });

        var body = await app.CreateClient().GetJsonAsync("/health/ready");

        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy","upstream:local":"Healthy"}}""", body.GetRawText());
    }

    static Dictionary<string, string?> DeadUpstream() => new()
    {
        // A port nothing listens on: connections are refused at once.
        ["Backends:Upstreams:local:BaseUrl"] = $"http://127.0.0.1:{ServerProcess.FreePort()}/v1",
    };
}
