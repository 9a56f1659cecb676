using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Backends.Recording;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Embeddings;

public static class EmbeddingEndpoints
{
    public static RouteGroupBuilder MapEmbeddings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/embeddings").WithTags("Embeddings");
        group.MapPost("/", Create).WithName("createEmbedding").Accepts<CreateEmbeddingRequest>("application/json");
        return group;
    }

    static async Task<Results<Ok<CreateEmbeddingResponse>, RawJsonResult<CreateEmbeddingResponse>, BadRequest<ErrorResponse>>> Create(
        HttpContext http, BackendRouter router, EmbeddingTokenizer tokenizer, CancellationToken ct)
    {
        var body = await RequestBody.ReadJsonAsync(http.Request, ct);
        var model = RequestBody.StringField(body, "model");
        // An upstream's model: forwarded as sent (but for an alias), answered as the upstream answers; it judges the rest.
        if (model is not null && router.Forwarder(model) is { } relay)
        {
            var reply = await relay.ForwardAsync(CassetteEndpoints.Embeddings, body, model, ct);
            return new RawJsonResult<CreateEmbeddingResponse>(reply.Relayed!.Bytes, reply.Relayed.ContentType) { Headers = reply.Headers };
        }

        CreateEmbeddingRequest request;
        try
        {
            request = JsonSerializer.Deserialize(body.Span, ChatApiJsonContext.Default.CreateEmbeddingRequest)
                ?? throw new JsonException("The body is null.", "$", null, null);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException(e.Message, StatusCodes.Status400BadRequest, e);
        }
        var (validated, problem) = EmbeddingRequestValidator.Validate(request, tokenizer);
        if (problem is not null)
            return OpenAIErrors.BadRequest(problem);

        if (router.ResolveEmbeddings(request.Model!) is not { } backend)
            return OpenAIErrors.BadRequest($"The model '{request.Model}' does not support embeddings.", "model", "model_not_supported");
        return TypedResults.Ok(await backend.CreateAsync(validated!, ct));
    }
}
