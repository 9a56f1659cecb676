using System.Net;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Contract;

/// <summary><c>POST /v1/embeddings</c> checked against OpenAI's own CreateEmbeddingResponse and ErrorResponse schemas.</summary>
public sealed class EmbeddingsContractTests
{
    [Fact]
    public async Task Spec_BrokenEmbeddingResponse_IsRejected()
    {
        var spec = await OpenAISpec.GetAsync();

        Assert.NotEmpty(spec.Schema("CreateEmbeddingResponse").Validate("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}],"model":"m"}"""));
        Assert.NotEmpty(spec.Schema("CreateEmbeddingResponse").Validate("""{"object":"list","data":[{"object":"vector","index":0,"embedding":[0.1]}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1}}"""));
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":"The food was delicious and the waiter..."}""")]
    [InlineData("""{"model":"text-embedding-3-large","input":["one","two"],"dimensions":256,"user":"user-1234","encoding_format":"float"}""")]
    [InlineData("""{"model":"text-embedding-ada-002","input":[[1212,318,257,1332,13]]}""")]
    public async Task Create_Embeddings_MatchCreateEmbeddingResponse(string body)
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();

        using var response = await app.CreateClient().PostAsync("/v1/embeddings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        spec.AssertValid("CreateEmbeddingResponse", json);
        Assert.Equal(JsonNode.Parse(body)!["model"]!.GetValue<string>(), JsonNode.Parse(json)!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_BadInput_MatchesErrorResponse()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();

        using var response = await app.CreateClient().PostAsync("/v1/embeddings", new StringContent("""{"model":"text-embedding-3-small","input":""}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        spec.AssertValid("ErrorResponse", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenApiDocument_Embeddings_IsOperationCreateEmbedding()
    {
        var spec = await OpenAISpec.GetAsync();
        await using var app = new ChatApiFactory();

        var ours = JsonNode.Parse((await app.CreateClient().GetJsonAsync("/openapi/v1.json")).GetRawText())!;

        Assert.Equal("createEmbedding", spec.OperationId("post", "/embeddings"));
        Assert.Equal("createEmbedding", ours["paths"]!["/v1/embeddings"]?["post"]?["operationId"]?.GetValue<string>());
    }
}
