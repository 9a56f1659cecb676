using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Backends.Scripted;

/// <summary>
/// Reads rules files: camelCase or any casing, comments and trailing commas allowed, unknown fields refused (they are
/// typos). Writes them (the admin API reads the rules back) camelCase without the fields not given.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RulesFile))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
