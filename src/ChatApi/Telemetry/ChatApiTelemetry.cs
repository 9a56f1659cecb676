using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatApi.Telemetry;

/// <summary>ChatApi's own ActivitySource and Meter (both named <c>ChatApi</c>); idle until OpenTelemetry listens.</summary>
public static class ChatApiTelemetry
{
    public const string Name = "ChatApi";

    static readonly string? Version = typeof(ChatApiTelemetry).Assembly.GetName().Version?.ToString();

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);
}
