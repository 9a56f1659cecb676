using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends;
using ChatApi.Contracts;

namespace ChatApi.Storage;

/// <summary>
/// What a stored completion keeps: the response exactly as the backend gave it (an upstream's vendor fields
/// included), plus the request's echoed settings and metadata as OpenAI's stored-completions API shows them.
/// </summary>
public static class StoredCompletionDocument
{
    // Echoed from the request as sent, in the order OpenAI's list shows them.
    static readonly string[] EchoedSettings = ["seed", "temperature", "top_p", "presence_penalty", "frequency_penalty", "tools", "tool_choice", "response_format"];

    /// <param name="model">The model the client asked for (what list filters match), which may be an alias of the upstream's.</param>
    /// <param name="chatapi">ChatApi's own notes on the completion (upstream, counted usage), kept under <c>chatapi</c>.</param>
    public static StoredCompletion Row(JsonElement response, ChatRequest request, string model, string requestId, JsonObject? chatapi = null)
    {
        var document = JsonObject.Create(response) ?? throw new BackendException(502, new Error("The upstream answered with JSON that is not an object.", "upstream_error", null, null));
        var id = document["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var given) ? given : CompletionIds.NewCompletionId();
        document["id"] = id;
        var created = document["created"] is JsonValue createdValue && createdValue.TryGetValue<long>(out var at) ? at : DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var json = request.Json;
        document["metadata"] = request.Typed.Metadata is { } metadata ? JsonSerializer.SerializeToNode(metadata, ChatApiJsonContext.Default.IReadOnlyDictionaryStringString) : new JsonObject();
        foreach (var name in EchoedSettings)
        {
            if (!document.ContainsKey(name))
                document[name] = json.TryGetProperty(name, out var value) ? JsonNode.Parse(value.GetRawText()) : null;
        }
        document["input_user"] = request.Typed.User;
        document["request_id"] = requestId;
        if (chatapi is not null)
            document["chatapi"] = chatapi;

        return new StoredCompletion
        {
            Id = id,
            Model = model,
            Created = created,
            ResponseJson = document.ToJsonString(ChatApiJson.Options),
            MessagesJson = Messages(id, request).ToJsonString(ChatApiJson.Options),
            Metadata = [.. (request.Typed.Metadata ?? new Dictionary<string, string>()).Select(p => new StoredMetadata { Key = p.Key, Value = p.Value })],
            Captured = request.Typed.Store != true,
        };
    }

    /// <summary>
    /// The request messages as <c>/messages</c> lists them (an id each, <c>content_parts</c> beside a text content),
    /// with every other field the client sent on them kept (an assistant turn's <c>reasoning_content</c>…).
    /// </summary>
    static JsonArray Messages(string completionId, ChatRequest request)
    {
        var list = new JsonArray();
        if (!request.Json.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            return list;

        var typed = request.Typed.Messages;
        var index = 0;
        foreach (var sent in messages.EnumerateArray())
        {
            var id = $"{completionId}-{index}";
            var message = typed is not null && index < typed.Count && typed[index] is { } known
                ? JsonSerializer.SerializeToNode(StoredMessage.From(completionId, index, known), ChatApiJsonContext.Default.StoredMessage)!.AsObject()
                : new JsonObject { ["id"] = id };
            if (sent.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in sent.EnumerateObject())
                {
                    if (!message.ContainsKey(field.Name))
                        message[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                }
            }
            list.Add(message);
            index++;
        }
        return list;
    }
}
