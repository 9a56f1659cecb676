using System.Text.Json;

namespace ChatApi.Tests.OpenApi;

public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task OpenApiDocument_CheckedInCopy_IsCurrent()
    {
        await using var app = new ChatApiFactory();
        var served = await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        // Set CHATAPI_UPDATE_OPENAPI=1 and run this test to refresh openapi/v1.json after an API change.
        if (Environment.GetEnvironmentVariable("CHATAPI_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(RepositoryPaths.CheckedInOpenApi, served, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(RepositoryPaths.CheckedInOpenApi), "openapi/v1.json is missing: run with CHATAPI_UPDATE_OPENAPI=1");
        var checkedIn = await File.ReadAllTextAsync(RepositoryPaths.CheckedInOpenApi, TestContext.Current.CancellationToken);
        Assert.True(checkedIn == served, "openapi/v1.json is stale: run `CHATAPI_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument` and commit it.");
    }

    [Fact]
    public async Task OpenApiDocument_NamesOpenAIsOperationIds()
    {
        await using var app = new ChatApiFactory();
        var doc = await app.CreateClient().GetJsonAsync("/openapi/v1.json");

        var operationIds = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToHashSet();

        Assert.Superset(operationIds, new HashSet<string?>
        {
            "createChatCompletion", "listChatCompletions", "getChatCompletion", "updateChatCompletion",
            "deleteChatCompletion", "getChatCompletionMessages", "listModels", "retrieveModel",
        });
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var html = await client.GetStringAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        Assert.Contains("swagger-ui", html);
    }
}
