namespace ChatApi.Telemetry;

/// <summary>What the completion endpoints add to a request's log line (set as a request feature by the request log).</summary>
public sealed class RequestLogEntry
{
    public string? Model { get; set; }
    public string? Backend { get; set; }
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
}
