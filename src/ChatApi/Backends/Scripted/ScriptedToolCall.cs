using System.Text.Json.Nodes;

namespace ChatApi.Backends.Scripted;

/// <summary>A function call the assistant asks for.</summary>
public sealed record ScriptedToolCall
{
    /// <summary>The call id; a fresh <c>call_…</c> id when not given.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>An object (sent as its JSON text) or a string sent as it is.</summary>
    public JsonNode? Arguments { get; init; }
}
