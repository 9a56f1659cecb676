using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Auth;
using ChatApi.Backends;
using ChatApi.Http;
using ChatApi.Backends.Tokens;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;
using ChatApi.Contracts.Responses.Events;
using ChatApi.Errors;
using ChatApi.OpenApi;
using ChatApi.Responses.Streaming;
using ChatApi.Responses.Translation;
using ChatApi.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatApi.Responses;

/// <summary>The Responses API on any chat backend: requests translate to chat completions and answers back.</summary>
public static class ResponseEndpoints
{
    public static RouteGroupBuilder MapResponses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/responses").WithTags("Responses");
        group.MapPost("/", Create).WithName("createResponse").Accepts<CreateResponse>("application/json")
            .Produces<ResponseStreamEvent>(StatusCodes.Status200OK, "text/event-stream");
        group.MapPost("/input_tokens", InputTokens).WithName("Getinputtokencounts");
        group.MapGet("/{response_id}", Get).WithName("getResponse");
        group.MapDelete("/{response_id}", Delete).WithName("deleteResponse");
        group.MapGet("/{response_id}/input_items", InputItems).WithName("listInputItems").WithPageParameters();
        return group;
    }

    static async Task<Results<Ok<Response>, RawJsonResult<Response>, EmptyHttpResult, BadRequest<ErrorResponse>>> Create(
        HttpContext http, BackendRouter router, ResponseStore store, RequestProject project, TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (RequestBody.StringField(body, "model") is { } model && router.ResponsesRelay(model) is { } relay)
            return await RelayAsync(http, relay, body, Parse(body), model, store, project, ct);

        CreateResponse request;
        try
        {
            request = JsonSerializer.Deserialize(body.Span, ChatApiJsonContext.Default.CreateResponse) ?? throw new JsonException("The body is null.", "$", null, null);
        }
        catch (JsonException typeError)
        {
            Parse(body); // not JSON at all is said as such
            throw new BadHttpRequestException(typeError.Message, StatusCodes.Status400BadRequest, typeError);
        }

        var (turn, problem) = await BeginAsync(request, store, project.Scope, time, ct);
        if (problem is not null)
            return OpenAIErrors.BadRequest(problem);

        var chat = ChatRequestTranslator.ToChatRequest(ChatRequestTranslator.Translate(request, turn!.Context, turn.Input));
        var backend = router.Resolve(request.Model!);
        if (request.Stream == true)
        {
            await ResponseStreamer.StreamAsync(http, backend, chat, turn, store, project.Name, time, ct);
            return TypedResults.Empty;
        }

        var reply = await backend.CompleteAsync(chat, ct);
        foreach (var (name, value) in reply.Headers)
            http.Response.Headers.Append(name, value);
        // A typed answer translates as it is; a relayed one (a chat-only upstream) from the JSON it sent.
        var outcome = reply.Completion is { } completion ? CompletionTranslator.Translate(completion) : CompletionTranslator.Translate(reply.Relayed!.Json);
        var response = ResponseBuilder.Build(request, turn.Id, turn.CreatedAt, outcome, time.GetUtcNow().ToUnixTimeSeconds());
        if (turn.Stored)
            await store.SaveAsync(ResponseRows.For(turn, response, outcome.AssistantTurn), project.Name, ct);
        return TypedResults.Ok(response);
    }

    static async Task<Results<Ok<Response>, RawJsonResult<Response>, EmptyHttpResult, BadRequest<ErrorResponse>>> RelayAsync(
        HttpContext http, IChatBackend relay, ReadOnlyMemory<byte> body, JsonElement json, string model, ResponseStore store, RequestProject project, CancellationToken ct)
    {
        // The upstream keeps the conversation, but only a response stored here in the caller's project may be continued:
        // another project's id answers as an unknown one does, and never reaches an upstream that could continue it.
        if (json.TryGetProperty("previous_response_id", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { } previous
            && await store.ContextAsync(previous, project.Scope, ct) is null)
            return OpenAIErrors.BadRequest(PreviousNotFound(previous));

        var stream = json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var stored = !(json.TryGetProperty("store", out var st) && st.ValueKind == JsonValueKind.False);
        var request = new ChatRequest(body, new CreateChatCompletionRequest { Model = model });
        return await ResponseRelay.RelayAsync(http, relay, request, stream, stored, store, project.Name, ct) is { } answer
            ? answer
            : TypedResults.Empty;
    }

    /// <summary>The body as JSON; not JSON at all is the same 400 as for chat.</summary>
    static JsonElement Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException syntax)
        {
            throw new BadHttpRequestException(OpenAIErrors.UnparsableBody, StatusCodes.Status400BadRequest, syntax);
        }
    }

    static Error PreviousNotFound(string previous) =>
        Problems.Invalid("previous_response_id", $"Previous response with id '{previous}' not found.", "previous_response_not_found");

    static async Task<Results<Ok<TokenCounts>, BadRequest<ErrorResponse>>> InputTokens(
        CreateResponse request, ResponseStore store, RequestProject project, TimeProvider time, TokenCounter tokens, CancellationToken ct)
    {
        var (turn, problem) = await BeginAsync(request, store, project.Scope, time, ct);
        if (problem is not null)
            return OpenAIErrors.BadRequest(problem);

        var chat = ChatRequestTranslator.Translate(request, turn!.Context, turn.Input);
        return TypedResults.Ok(new TokenCounts { InputTokens = tokens.CountPrompt(chat.Messages!) });
    }

    /// <summary>Validates the request, reads its input and loads the context it continues (one row, however long the chain).</summary>
    static async Task<(ResponseTurn?, Error?)> BeginAsync(CreateResponse request, ResponseStore store, ProjectScope scope, TimeProvider time, CancellationToken ct)
    {
        if (CreateResponseValidator.Validate(request) is { } problem)
            return (null, problem);
        var (input, inputProblem) = InputTranslator.Translate(request.Input);
        if (inputProblem is not null)
            return (null, inputProblem);

        IReadOnlyList<ChatCompletionRequestMessage> context = [];
        if (request.PreviousResponseId is { } previous)
        {
            if (await store.ContextAsync(previous, scope, ct) is not { } json)
                return (null, PreviousNotFound(previous));
            context = ResponseRows.ReadContext(json);
        }
        if (context.Count + input!.Messages.Count == 0)
            return (null, Problems.Missing("input"));

        return (new ResponseTurn(request, CompletionIds.NewHexId("resp_"), time.GetUtcNow().ToUnixTimeSeconds(), context, input), null);
    }

    static async Task<Results<ContentHttpResult, NotFound<ErrorResponse>>> Get(string response_id, ResponseStore store, RequestProject project, CancellationToken ct) =>
        await store.FindAsync(response_id, project.Scope, ct) is { } json
            ? TypedResults.Content(json, "application/json")
            : NotFound(response_id);

    static async Task<Results<Ok<ResponseDeleted>, NotFound<ErrorResponse>>> Delete(string response_id, ResponseStore store, RequestProject project, CancellationToken ct) =>
        await store.DeleteAsync(response_id, project.Scope, ct)
            ? TypedResults.Ok(new ResponseDeleted { Id = response_id })
            : NotFound(response_id);

    static async Task<Results<Ok<ResponseItemList>, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> InputItems(
        string response_id, InputItemsQuery query, ResponseStore store, RequestProject project, CancellationToken ct)
    {
        if (query.Problem is { } problem)
            return OpenAIErrors.BadRequest(problem);
        if (await store.InputItemsAsync(response_id, project.Scope, ct) is not { } json)
            return NotFound(response_id);

        var items = JsonNode.Parse(json)!.AsArray().Select(i => i!).ToList();
        if (query.Page.Order == ListOrder.Desc)
            items.Reverse();
        var start = 0;
        if (query.Page.After is { } after)
        {
            var index = items.FindIndex(i => i["id"]?.GetValue<string>() == after);
            if (index < 0)
                return OpenAIErrors.BadRequest(Problems.UnknownCursor(after));
            start = index + 1;
        }
        var page = items.Skip(start).Take(query.Page.Limit).ToList();
        return TypedResults.Ok(new ResponseItemList
        {
            Data = page,
            FirstId = page.FirstOrDefault()?["id"]?.GetValue<string>(),
            LastId = page.LastOrDefault()?["id"]?.GetValue<string>(),
            HasMore = start + page.Count < items.Count,
        });
    }

    static NotFound<ErrorResponse> NotFound(string responseId) =>
        OpenAIErrors.NotFound($"Response with id '{responseId}' not found.", "response_id");
}
