using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Models;

/// <summary><c>ListModelsResponse</c> with each model kept as its JSON (an upstream's vendor fields included).</summary>
internal sealed record ModelList(string Object, IReadOnlyList<JsonElement> Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ModelListJson : JsonSerializerContext;
