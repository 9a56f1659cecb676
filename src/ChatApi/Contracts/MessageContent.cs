using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>A message's <c>content</c>: either a plain string or an array of parts.</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed record MessageContent
{
    public string? Text { get; init; }
    public IReadOnlyList<ContentPart>? Parts { get; init; }

    /// <summary>The text a model reads: the string, or the text parts joined.</summary>
    public string PlainText => Text ?? string.Concat(Parts?.Select(p => p.Text ?? p.Refusal ?? "") ?? []);

    public static implicit operator MessageContent(string text) => new() { Text = text };
}
