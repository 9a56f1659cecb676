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
            await File.WriteAllTextAsync(RepoPaths.CheckedInOpenApi, served, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(RepoPaths.CheckedInOpenApi), "openapi/v1.json is missing: run with CHATAPI_UPDATE_OPENAPI=1");
        var checkedIn = await File.ReadAllTextAsync(RepoPaths.CheckedInOpenApi, TestContext.Current.CancellationToken);
        Assert.True(checkedIn == served, "openapi/v1.json is stale: run `CHATAPI_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument` and commit it.");
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
