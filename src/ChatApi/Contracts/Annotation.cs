using System.Text.Json;

namespace ChatApi.Contracts;

/// <summary>A <c>url_citation</c> annotation; the built-in backend makes none, upstreams may.</summary>
public sealed record Annotation
{
    public string Type { get; init; } = "url_citation";
    public JsonElement? UrlCitation { get; init; }
}
