namespace ChatApi.Backends.Recording;

/// <summary>The values of <c>Recording:Pacing</c>: how a replayed stream is timed.</summary>
public static class RecordingPacing
{
    /// <summary>Every event at once (default).</summary>
    public const string Instant = "instant";

    /// <summary>The recorded wait before the first event and the recorded gaps between events.</summary>
    public const string Recorded = "recorded";
}
