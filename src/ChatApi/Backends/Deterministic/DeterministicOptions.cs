namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Section <c>Deterministic</c>: how fast the built-in backend answers. The defaults answer at once;
/// set them to test client timeouts, spinners and cancellation against a realistic pace.
/// </summary>
public sealed class DeterministicOptions
{
    /// <summary>Wait before the first chunk of a stream (and before any non-streamed answer).</summary>
    public int TimeToFirstTokenMs { get; set; }

    /// <summary>Pace of the tokens after the first; 0 sends them as fast as the connection takes them.</summary>
    public double TokensPerSecond { get; set; }
}
