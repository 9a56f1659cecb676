using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CreateChatCompletionRequest))]
[JsonSerializable(typeof(UpdateChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(StoredChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatCompletionList))]
[JsonSerializable(typeof(ChatCompletionMessageList))]
[JsonSerializable(typeof(ChatCompletionDeleted))]
[JsonSerializable(typeof(IReadOnlyList<ChatCompletionRequestMessage>))]
[JsonSerializable(typeof(IReadOnlyList<ContentPart>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<StoredMessage>))]
[JsonSerializable(typeof(StoredMessage))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ListModelsResponse))]
[JsonSerializable(typeof(Model))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateEmbeddingRequest))]
[JsonSerializable(typeof(CreateEmbeddingResponse))]
internal sealed partial class ChatApiJsonContext : JsonSerializerContext;
