using System.Text.Json;

namespace ChatApi.Contracts.Responses;

/// <summary>A tool in Responses form: function tools are flat (<c>{type, name, description, parameters, strict}</c>).</summary>
public sealed record ResponseTool
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement? Parameters { get; init; }
    public bool? Strict { get; init; }
}
