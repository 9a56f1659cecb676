namespace ChatApi.Contracts.Responses;

/// <summary><c>text</c>: the output format and verbosity, as sent and as echoed.</summary>
public sealed record ResponseTextConfig
{
    public ResponseTextFormat? Format { get; init; }
    public string? Verbosity { get; init; }
}
