namespace ChatApi.Backends.Recording;

/// <summary>
/// One SSE event's data (and its <c>event:</c> type, when not the default) and the wait before it (after the request,
/// or after the event before), rounded to 10 ms.
/// </summary>
public sealed record RecordedEvent(int DelayMs, string Data, string? EventType = null)
{
    public static int Round(TimeSpan wait) => (int)Math.Round(Math.Max(0, wait.TotalMilliseconds) / 10, MidpointRounding.AwayFromZero) * 10;
}
