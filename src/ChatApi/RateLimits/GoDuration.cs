using System.Globalization;

namespace ChatApi.RateLimits;

/// <summary>Durations as OpenAI writes them in <c>x-ratelimit-reset-*</c> (Go's format): <c>1ms</c>, <c>8.64s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "0s";
        if (duration < TimeSpan.FromSeconds(1))
            return $"{Math.Max(1, (int)Math.Round(duration.TotalMilliseconds))}ms";

        var milliseconds = (long)Math.Round(duration.TotalMilliseconds);
        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var seconds = (milliseconds % 60_000) / 1000.0;
        var text = seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        if (hours > 0)
            return $"{hours}h{minutes}m{text}";
        return minutes > 0 ? $"{minutes}m{text}" : text;
    }
}
