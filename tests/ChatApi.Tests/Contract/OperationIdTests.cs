using System.Text.Json.Nodes;

namespace ChatApi.Tests.Contract;

public sealed class OperationIdTests
{
    [Fact]
    public async Task OpenApiDocument_ChatAndModelOperations_NameOpenAIsOperationIds()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var ours = JsonNode.Parse((await client.GetJsonAsync("/openapi/v1.json")).GetRawText())!["paths"]!.AsObject();

        var theirs = spec.Document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/chat/completions", StringComparison.Ordinal) || p.Key.StartsWith("/models", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(op => (Method: op.Key, Path: p.Key, Id: op.Value!["operationId"]!.GetValue<string>())))
            // Fine-tuned models are OpenAI's to delete; ChatApi serves no such thing.
            .Where(op => op.Id != "deleteModel")
            .ToList();
        Assert.Equal(8, theirs.Count);
        foreach (var (method, path, id) in theirs)
            Assert.True(ours["/v1" + path]?[method]?["operationId"]?.GetValue<string>() == id, $"{method.ToUpperInvariant()} /v1{path} should be operationId '{id}'");
    }
}
