using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Http;
using ChatApi.OpenApi;
using ChatApi.Storage;
using ChatApi.Streaming;
using ChatApi.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Completions;

public static class CompletionEndpoints
{
    public static RouteGroupBuilder MapCompletions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/chat/completions").WithTags("Chat");
        group.MapPost("/", Create).WithName("createChatCompletion")
            .Produces<ChatCompletionChunk>(StatusCodes.Status200OK, "text/event-stream");
        group.MapGet("/", List).WithName("listChatCompletions").WithListFilterParameters().WithPageParameters();
        group.MapGet("/{completion_id}", Get).WithName("getChatCompletion");
        group.MapPost("/{completion_id}", Update).WithName("updateChatCompletion");
        group.MapDelete("/{completion_id}", Delete).WithName("deleteChatCompletion");
        group.MapGet("/{completion_id}/messages", Messages).WithName("getChatCompletionMessages").WithPageParameters();
        return group;
    }

    static async Task<Results<Ok<ChatCompletion>, EmptyHttpResult, BadRequest<ErrorResponse>>> Create(
        CreateChatCompletionRequest request, BackendRouter router, CompletionStore store, HttpContext http, CancellationToken ct)
    {
        if (ChatCompletionRequestValidator.Validate(request) is { } problem)
            return OpenAIErrors.BadRequest(problem);

        var backend = router.Resolve(request.Model!);
        using var telemetry = CompletionTelemetry.Start(http, request, router);
        try
        {
            if (request.Stream == true)
            {
                await CompletionStreamer.StreamAsync(http, backend, request, store, telemetry, ct);
                return TypedResults.Empty;
            }

            var completion = await backend.CompleteAsync(request, ct);
            telemetry.Completed(completion);
            if (request.Store == true)
            {
                using var storing = telemetry.StartStorage();
                await store.SaveAsync(StoredChatCompletion.From(completion, request, RequestIds.Of(http)), request.Messages!, ct);
            }
            return TypedResults.Ok(completion);
        }
        catch (Exception error) when (telemetry.Failed(error))
        {
            throw;
        }
    }

    static async Task<Results<ChatCompletionListResult, BadRequest<ErrorResponse>>> List(
        ListChatCompletionsQuery query, CompletionStore store, CancellationToken ct)
    {
        if (query.Problem is { } problem)
            return OpenAIErrors.BadRequest(problem);
        if (await store.ListAsync(query, ct) is not { } page)
            return OpenAIErrors.BadRequest(UnknownCursor(query.Page.After!));

        return new ChatCompletionListResult(page);
    }

    static async Task<Results<Ok<StoredChatCompletion>, NotFound<ErrorResponse>>> Get(
        string completion_id, CompletionStore store, CancellationToken ct) =>
        await store.FindAsync(completion_id, ct) is { } found
            ? TypedResults.Ok(found)
            : NotFound(completion_id);

    static async Task<Results<Ok<StoredChatCompletion>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> Update(
        string completion_id, UpdateChatCompletionRequest request, CompletionStore store, CancellationToken ct)
    {
        if (request.Metadata is null)
            return OpenAIErrors.BadRequest(Problems.Missing("metadata"));
        if (MetadataValidator.Validate(request.Metadata) is { } problem)
            return OpenAIErrors.BadRequest(problem);

        return await store.UpdateMetadataAsync(completion_id, request.Metadata, ct) is { } updated
            ? TypedResults.Ok(updated)
            : NotFound(completion_id);
    }

    static async Task<Results<Ok<ChatCompletionDeleted>, NotFound<ErrorResponse>>> Delete(
        string completion_id, CompletionStore store, CancellationToken ct) =>
        await store.DeleteAsync(completion_id, ct)
            ? TypedResults.Ok(new ChatCompletionDeleted { Id = completion_id })
            : NotFound(completion_id);

    static async Task<Results<Ok<ChatCompletionMessageList>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> Messages(
        string completion_id, MessagesQuery query, CompletionStore store, CancellationToken ct)
    {
        if (query.Problem is { } problem)
            return OpenAIErrors.BadRequest(problem);
        if (await store.MessagesAsync(completion_id, ct) is not { } messages)
            return NotFound(completion_id);

        var ordered = query.Page.Order == ListOrder.Asc ? messages : messages.Reverse().ToList();
        var start = 0;
        if (query.Page.After is { } after)
        {
            var index = ordered.ToList().FindIndex(m => m.Id == after);
            if (index < 0)
                return OpenAIErrors.BadRequest(UnknownCursor(after));
            start = index + 1;
        }

        var items = ordered.Skip(start).Take(query.Page.Limit).ToList();
        return TypedResults.Ok(new ChatCompletionMessageList
        {
            Data = items,
            FirstId = items.FirstOrDefault()?.Id,
            LastId = items.LastOrDefault()?.Id,
            HasMore = start + items.Count < ordered.Count,
        });
    }

    static NotFound<ErrorResponse> NotFound(string completionId) =>
        OpenAIErrors.NotFound($"No chat completion found with id '{completionId}'.", "completion_id");

    static Error UnknownCursor(string after) =>
        Problems.Invalid("after", $"Invalid 'after': no item with id '{after}' was found to continue from.", "invalid_value");
}
