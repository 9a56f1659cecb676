namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Paces a reply by <see cref="DeterministicOptions"/>: token <c>k</c> is due at time-to-first-token + k / tokens-per-second
/// from the start, so slow consumers do not stretch the schedule and the mean rate stays exact.
/// </summary>
public sealed class StreamPacer
{
    readonly TimeProvider _time;
    readonly TimeSpan _firstToken;
    readonly double _tokensPerSecond;
    readonly long _start;
    int _tokens;

    public StreamPacer(DeterministicOptions options, TimeProvider time)
    {
        _time = time;
        _firstToken = TimeSpan.FromMilliseconds(options.TimeToFirstTokenMs);
        _tokensPerSecond = options.TokensPerSecond;
        _start = time.GetTimestamp();
    }

    /// <summary>Waits until the next chunk is due; a chunk that carries a token moves the schedule on by one.</summary>
    public ValueTask WaitAsync(bool carriesToken, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var due = Due(_tokens);
        if (carriesToken)
            _tokens++;
        return DelayUntilAsync(due, ct);
    }

    /// <summary>Waits as long as a whole reply of <paramref name="tokens"/> tokens takes.</summary>
    public ValueTask WaitForWholeAsync(int tokens, CancellationToken ct) => DelayUntilAsync(Due(Math.Max(0, tokens - 1)), ct);

    TimeSpan Due(int token) =>
        _tokensPerSecond > 0 ? _firstToken + TimeSpan.FromSeconds(token / _tokensPerSecond) : _firstToken;

    ValueTask DelayUntilAsync(TimeSpan due, CancellationToken ct)
    {
        var wait = due - _time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? new ValueTask(Task.Delay(wait, _time, ct)) : ValueTask.CompletedTask;
    }
}
