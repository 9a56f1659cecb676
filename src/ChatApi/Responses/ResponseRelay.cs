using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;
using ChatApi.Http;
using ChatApi.Storage;
using ChatApi.Streaming;

namespace ChatApi.Responses;

/// <summary>
/// <c>POST /v1/responses</c> to an upstream that speaks the Responses API: the body as received (only <c>model</c>
/// rewritten), the answer's bytes or events (with their <c>event:</c> lines) back unchanged, errors passed through.
/// A stored answer is kept as received, in the caller's project, committed before its last event goes out.
/// </summary>
public static class ResponseRelay
{
    static readonly HashSet<string> Terminal = ["response.completed", "response.incomplete", "response.failed"];

    /// <returns>The answer to write for a non-streamed request; null when the stream has been written.</returns>
    public static async Task<RawJsonResult<Response>?> RelayAsync(HttpContext http, IChatBackend relay, ChatRequest request, bool stream, bool stored,
        ResponseStore store, string project, CancellationToken ct)
    {
        if (!stream)
        {
            var reply = await relay.CompleteAsync(request, ct);
            if (stored && reply.Relayed is { } answer)
                await SaveAsync(store, answer.Json, request.Json, project, ct);
            return new RawJsonResult<Response>(reply.Relayed!.Bytes, reply.Relayed.ContentType) { Headers = reply.Headers };
        }

        var response = http.Response;
        var started = false;
        try
        {
            await foreach (var item in relay.StreamAsync(request, ct))
            {
                if (!started)
                {
                    foreach (var (name, value) in item.Headers ?? [])
                        response.Headers.Append(name, value);
                    SseWriter.Start(response);
                    started = true;
                }
                if (stored && item.EventType is { } type && Terminal.Contains(type)
                    && item.ToJson() is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("response", out var final))
                    await SaveAsync(store, final, request.Json, project, ct);
                SseWriter.WriteData(response, item.Data!, item.EventType);
                await response.BodyWriter.FlushAsync(ct);
            }
        }
        catch (StreamCutException)
        {
            if (!started)
                throw new BackendException(502, new Error("The upstream ended the stream before sending any event.", "upstream_error", null, null));
            await response.BodyWriter.FlushAsync(ct);
            await ConnectionCut.CutAsync(http, drainFirst: true, TimeProvider.System, ct);
        }
        return null;
    }

    static Task SaveAsync(ResponseStore store, JsonElement response, JsonElement request, string project, CancellationToken ct) =>
        store.SaveAsync(new StoredResponse
        {
            Id = response.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : CompletionIds.NewHexId("resp_"),
            Model = response.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString()! : "",
            CreatedAt = response.TryGetProperty("created_at", out var created) && created.TryGetInt64(out var at) ? at : DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ResponseJson = response.GetRawText(),
            InputItemsJson = InputItems(request).ToJsonString(),
            // The upstream keeps the conversation of a relayed response; ChatApi holds no chat context for it.
            ContextJson = "[]",
        }, project, ct);

    /// <summary>The request's input as items: a string input is one user message, as OpenAI lists it.</summary>
    static JsonArray InputItems(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input))
            return [];
        if (input.ValueKind == JsonValueKind.Array)
            return JsonNode.Parse(input.GetRawText())!.AsArray();
        return
        [
            new JsonObject
            {
                ["type"] = "message",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = input.ValueKind == JsonValueKind.String ? input.GetString() : input.GetRawText() }),
            },
        ];
    }
}
