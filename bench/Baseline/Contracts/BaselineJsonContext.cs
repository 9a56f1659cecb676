using System.Text.Json.Serialization;

namespace Baseline.Contracts;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
