using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

public sealed record ImageUrl
{
    public string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}
