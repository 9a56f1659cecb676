using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace ChatApi.Contracts;

/// <summary>The one set of JSON options: HTTP bodies, SSE chunks and stored rows all use it.</summary>
public static class ChatApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        Apply(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Configures the HTTP JSON options: the attribute on the context alone does not reach them.</summary>
    public static void Configure(JsonOptions http) => Apply(http.SerializerOptions);

    static void Apply(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, ChatApiJsonContext.Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
