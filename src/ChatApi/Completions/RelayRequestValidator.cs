using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;

namespace ChatApi.Completions;

/// <summary>
/// For a route to an upstream, only what ChatApi needs itself: a JSON object with a model and a messages array, and
/// ChatApi's own <c>store</c>/<c>metadata</c> limits. The upstream judges the rest, so vendor fields and parts pass.
/// </summary>
public static class RelayRequestValidator
{
    public static Error? Validate(ChatRequest request)
    {
        var json = request.Json;
        if (json.ValueKind != JsonValueKind.Object)
            return new Error(Errors.OpenAIErrors.UnparsableBody, Errors.OpenAIErrors.InvalidRequest, null, null);

        if (!json.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 })
            return Problems.Missing("model", "you must provide a model parameter");
        if (!json.TryGetProperty("messages", out var messages) || messages.ValueKind == JsonValueKind.Null)
            return Problems.Missing("messages");
        if (messages.ValueKind != JsonValueKind.Array)
            return Problems.Invalid("messages", $"Invalid type for 'messages': expected an array, but got {Problems.KindOf(messages)} instead.", "invalid_type");

        return TypeOf(json, "store", JsonValueKind.True, JsonValueKind.False, "a boolean")
            ?? TypeOf(json, "stream", JsonValueKind.True, JsonValueKind.False, "a boolean")
            ?? TypeOf(json, "metadata", JsonValueKind.Object, JsonValueKind.Object, "an object")
            ?? MetadataValidator.Validate(request.Typed.Metadata)
            ?? (json.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && request.Typed.Metadata is null
                ? Problems.Invalid("metadata", "Invalid type for 'metadata': every value must be a string.", "invalid_type")
                : null)
            ?? (request.Typed.Metadata is not null && request.Typed.Store != true
                ? Problems.Invalid("metadata", "The 'metadata' parameter is only allowed when 'store' is enabled.")
                : null);
    }

    static Error? TypeOf(JsonElement json, string name, JsonValueKind kind, JsonValueKind orKind, string expected) =>
        json.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null && value.ValueKind != kind && value.ValueKind != orKind
            ? Problems.Invalid(name, $"Invalid type for '{name}': expected {expected}, but got {Problems.KindOf(value)} instead.", "invalid_type")
            : null;

}
