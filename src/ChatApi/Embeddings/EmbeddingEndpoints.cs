using ChatApi.Backends;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Embeddings;

public static class EmbeddingEndpoints
{
    public static RouteGroupBuilder MapEmbeddings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/embeddings").WithTags("Embeddings");
        group.MapPost("/", Create).WithName("createEmbedding");
        return group;
    }

    static async Task<Results<Ok<CreateEmbeddingResponse>, BadRequest<ErrorResponse>>> Create(
        CreateEmbeddingRequest request, BackendRouter router, EmbeddingTokenizer tokenizer, CancellationToken ct)
    {
        var (validated, problem) = EmbeddingRequestValidator.Validate(request, tokenizer);
        if (problem is not null)
            return OpenAIErrors.BadRequest(problem);

        if (router.ResolveEmbeddings(request.Model!) is not { } backend)
            return OpenAIErrors.BadRequest($"The model '{request.Model}' does not support embeddings.", "model", "model_not_supported");
        return TypedResults.Ok(await backend.CreateAsync(validated!, ct));
    }
}
