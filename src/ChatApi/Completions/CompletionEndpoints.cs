using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatApi.Auth;
using ChatApi.Backends;
using ChatApi.Backends.Upstream;
using ChatApi.Contracts;
using ChatApi.Errors;
using ChatApi.Http;
using ChatApi.Limits;
using ChatApi.OpenApi;
using ChatApi.RateLimits;
using ChatApi.Storage;
using ChatApi.Streaming;
using ChatApi.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatApi.Completions;

public static class CompletionEndpoints
{
    public static RouteGroupBuilder MapCompletions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/chat/completions").WithTags("Chat");
        group.MapPost("/", Create).WithName("createChatCompletion").Accepts<CreateChatCompletionRequest>("application/json")
            .Produces<ChatCompletionChunk>(StatusCodes.Status200OK, "text/event-stream");
        group.MapGet("/", List).WithName("listChatCompletions").WithListFilterParameters().WithPageParameters();
        group.MapGet("/{completion_id}", Get).WithName("getChatCompletion");
        group.MapPost("/{completion_id}", Update).WithName("updateChatCompletion");
        group.MapDelete("/{completion_id}", Delete).WithName("deleteChatCompletion");
        group.MapGet("/{completion_id}/messages", Messages).WithName("getChatCompletionMessages").WithPageParameters();
        return group;
    }

    static async Task<Results<Ok<ChatCompletion>, RawJsonResult<ChatCompletion>, EmptyHttpResult, BadRequest<ErrorResponse>>> Create(
        HttpContext http, BackendRouter router, CompletionStore store, RelayNotes notes, RequestProject project, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var (request, typeError) = await ChatRequestReader.ReadAsync(http.Request, ct);
        var route = router.Route(request.Typed.Model);
        if (route.Relays)
        {
            if (RelayRequestValidator.Validate(request) is { } relayProblem)
                return OpenAIErrors.BadRequest(relayProblem);
        }
        else
        {
            if (typeError is not null)
                throw new BadHttpRequestException(typeError.Message, StatusCodes.Status400BadRequest, typeError);
            if (ChatCompletionRequestValidator.Validate(request.Typed, limits.Value) is { } problem)
                return OpenAIErrors.BadRequest(problem);
        }

        using var telemetry = CompletionTelemetry.Start(http, request.Typed, route.Name);
        try
        {
            if (request.Typed.Stream == true)
            {
                await CompletionStreamer.StreamAsync(http, route, request, store, notes, project.Name, telemetry, ct);
                return TypedResults.Empty;
            }

            var reply = await route.Backend.CompleteAsync(request, ct);
            telemetry.Completed(reply);
            TokenUsage.Settle(http, reply);
            if (store.Keeps(request.Typed))
            {
                using var storing = telemetry.StartStorage();
                var json = reply.ToJson();
                await store.SaveAsync(StoredCompletionDocument.Row(json, request, request.Typed.Model!, RequestIds.Of(http), notes.For(route, reply.Headers, json, request)), project.Name, ct);
            }
            return reply.Relayed is { } relayed
                ? new RawJsonResult<ChatCompletion>(relayed.Bytes, relayed.ContentType) { Headers = reply.Headers }
                : TypedResults.Ok(reply.Completion!);
        }
        catch (Exception error) when (telemetry.Failed(error))
        {
            throw;
        }
    }

    static async Task<Results<ChatCompletionListResult, BadRequest<ErrorResponse>>> List(
        ListChatCompletionsQuery query, CompletionStore store, RequestProject project, CancellationToken ct)
    {
        if (query.Problem is { } problem)
            return OpenAIErrors.BadRequest(problem);
        if (await store.ListAsync(query, project.Scope, ct) is not { } page)
            return OpenAIErrors.BadRequest(Problems.UnknownCursor(query.Page.After!));

        return new ChatCompletionListResult(page);
    }

    static async Task<Results<RawJsonResult<StoredChatCompletion>, NotFound<ErrorResponse>>> Get(
        string completion_id, CompletionStore store, RequestProject project, CancellationToken ct) =>
        await store.FindAsync(completion_id, project.Scope, ct) is { } found
            ? RawJson.Of<StoredChatCompletion>(found)
            : NotFound(completion_id);

    static async Task<Results<RawJsonResult<StoredChatCompletion>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> Update(
        string completion_id, UpdateChatCompletionRequest request, CompletionStore store, RequestProject project, CancellationToken ct)
    {
        if (request.Metadata is null)
            return OpenAIErrors.BadRequest(Problems.Missing("metadata"));
        if (MetadataValidator.Validate(request.Metadata) is { } problem)
            return OpenAIErrors.BadRequest(problem);

        return await store.UpdateMetadataAsync(completion_id, request.Metadata, project.Scope, ct) is { } updated
            ? RawJson.Of<StoredChatCompletion>(updated)
            : NotFound(completion_id);
    }

    static async Task<Results<Ok<ChatCompletionDeleted>, NotFound<ErrorResponse>>> Delete(
        string completion_id, CompletionStore store, RequestProject project, CancellationToken ct) =>
        await store.DeleteAsync(completion_id, project.Scope, ct)
            ? TypedResults.Ok(new ChatCompletionDeleted { Id = completion_id })
            : NotFound(completion_id);

    static async Task<Results<RawJsonResult<ChatCompletionMessageList>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> Messages(
        string completion_id, MessagesQuery query, CompletionStore store, RequestProject project, CancellationToken ct)
    {
        if (query.Problem is { } problem)
            return OpenAIErrors.BadRequest(problem);
        if (await store.MessagesAsync(completion_id, project.Scope, ct) is not { } messages)
            return NotFound(completion_id);

        var ordered = query.Page.Order == ListOrder.Asc ? messages : messages.Reverse().ToList();
        var start = 0;
        if (query.Page.After is { } after)
        {
            var index = ordered.ToList().FindIndex(m => IdOf(m) == after);
            if (index < 0)
                return OpenAIErrors.BadRequest(Problems.UnknownCursor(after));
            start = index + 1;
        }

        var items = ordered.Skip(start).Take(query.Page.Limit).ToList();
        return new RawJsonResult<ChatCompletionMessageList>(MessageList(items, start + items.Count < ordered.Count));
    }

    static string? IdOf(JsonElement message) => message.TryGetProperty("id", out var id) ? id.GetString() : null;

    static byte[] MessageList(IReadOnlyList<JsonElement> items, bool hasMore)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WritePropertyName("data");
            json.WriteStartArray();
            foreach (var item in items)
                item.WriteTo(json);
            json.WriteEndArray();
            ChatCompletionListResult.WriteIdOrNull(json, "first_id", items.Count > 0 ? IdOf(items[0]) : null);
            ChatCompletionListResult.WriteIdOrNull(json, "last_id", items.Count > 0 ? IdOf(items[^1]) : null);
            json.WriteBoolean("has_more", hasMore);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static NotFound<ErrorResponse> NotFound(string completionId) =>
        OpenAIErrors.NotFound($"No chat completion found with id '{Excerpt.Of(completionId)}'.", "completion_id");
}
