using Baseline.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baseline;

/// <summary>The embeddings ceiling: parse the request, answer one canned 1,536-float vector per input, nothing else.</summary>
internal static class EmbeddingEndpoints
{
    static readonly float[] Canned = [.. Enumerable.Range(0, 1536).Select(i => (float)(Math.Sin(i) / Math.Sqrt(768)))];

    public static RouteGroupBuilder MapEmbeddings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/embeddings");
        group.MapPost("/", Create).WithName("createEmbedding");
        return group;
    }

    static Results<Ok<CreateEmbeddingResponse>, BadRequest> Create(CreateEmbeddingRequest request)
    {
        if (request.Model is null || request.Input is not { } input)
            return TypedResults.BadRequest();
        var count = input.ValueKind == System.Text.Json.JsonValueKind.Array ? input.GetArrayLength() : 1;
        return TypedResults.Ok(new CreateEmbeddingResponse
        {
            Data = [.. Enumerable.Range(0, count).Select(i => new EmbeddingData { Index = i, Embedding = Canned })],
            Model = request.Model,
            Usage = new EmbeddingUsage { PromptTokens = count * 20, TotalTokens = count * 20 },
        });
    }
}
