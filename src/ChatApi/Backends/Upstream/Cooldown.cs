namespace ChatApi.Backends.Upstream;

/// <summary>
/// When a deployment's circuit breaker opened and for how long: the breaker itself only lets a call through again once
/// tried after its break, so the pool reads the break's end from here to choose the deployment again.
/// </summary>
public sealed class Cooldown(TimeProvider time)
{
    long _untilTicks;

    public bool Active => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _untilTicks);

    public void Start(TimeSpan duration) => Interlocked.Exchange(ref _untilTicks, (time.GetUtcNow() + duration).UtcTicks);

    public void End() => Interlocked.Exchange(ref _untilTicks, 0);
}
