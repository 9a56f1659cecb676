using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Baseline.Contracts;

/// <summary>The same HTTP JSON settings as ChatApi's, so the two serialize alike.</summary>
internal static class BaselineJson
{
    public static void Configure(JsonOptions http)
    {
        var options = http.SerializerOptions;
        options.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
