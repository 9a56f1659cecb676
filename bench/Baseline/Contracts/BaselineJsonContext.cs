using System.Text.Json.Serialization;

namespace Baseline.Contracts;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(CreateEmbeddingRequest))]
[JsonSerializable(typeof(CreateEmbeddingResponse))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
