using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// The deployments behind one backend name, and how a request reaches them: a deployment chosen by the balance mode,
/// then on a failure before the first byte (connection error, timeout, 429, 5xx) the next attempt, by Polly's retry,
/// on another healthy deployment where there is one. A failure that is not retried reaches the client as the upstream
/// sent it. Nothing here runs after the response headers: a stream that has started is never retried.
/// </summary>
public sealed class UpstreamPool
{
    static readonly ResiliencePropertyKey<AttemptState> State = new("chatapi.attempts");

    readonly IReadOnlyList<Deployment> _deployments;
    readonly BalanceMode _balance;
    readonly ResiliencePipeline<HttpResponseMessage> _retry;
    readonly TimeProvider _time;
    readonly Lock _gate = new();
    readonly int[] _credit;

    public UpstreamPool(string name, IReadOnlyList<Deployment> deployments, BalanceMode balance, int retries, int retryDelayMs, int maxRetryAfterSeconds, TimeProvider time)
    {
        Name = name;
        _deployments = deployments;
        _balance = balance;
        _time = time;
        _credit = new int[deployments.Count];
        var maxRetryAfter = TimeSpan.FromSeconds(maxRetryAfterSeconds);
        _retry = retries <= 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = retries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(retryDelayMs),
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(
                        !args.Context.CancellationToken.IsCancellationRequested
                        && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && (args.Outcome.Result is not { } failed || !(RelayedHeaders.RetryAfter(failed, time.GetUtcNow()) > maxRetryAfter))),
                    DelayGenerator = args => ValueTask.FromResult(DelayBefore(args.Context, args.Outcome)),
                    OnRetry = args =>
                    {
                        args.Outcome.Result?.Dispose();
                        return default;
                    },
                })
                .Build();
    }

    public string Name { get; }

    public IReadOnlyList<Deployment> Deployments => _deployments;

    /// <summary>
    /// Sends the request (its body made per deployment, for the model name each knows) and returns the response
    /// once its headers arrived, with the deployment that answered; the caller reads and disposes it.
    /// </summary>
    public async Task<UpstreamAnswer> SendAsync(string path, Func<Deployment, ReadOnlyMemory<byte>> body, bool stream, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        var state = new AttemptState();
        context.Properties.Set(State, state);
        try
        {
            var response = await _retry.ExecuteAsync(static async (ctx, args) =>
            {
                var (pool, path, body, stream, state) = args;
                var deployment = pool.Pick(state);
                state.Last = deployment;
                // In flight until the caller is done with the answer (a stream's last event), not only until its headers.
                state.Lease?.Dispose();
                state.Lease = deployment.Track();
                return await deployment.Attempt.ExecuteAsync(async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body(deployment)) };
                    if (stream)
                        request.Headers.Accept.ParseAdd("text/event-stream");
                    return await deployment.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                }, ctx.CancellationToken);
            }, context, (this, path, body, stream, state));
            return new UpstreamAnswer(response, state.Last!, state.Lease!);
        }
        catch
        {
            state.Lease?.Dispose();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    static ReadOnlyMemoryContent Json(ReadOnlyMemory<byte> body) => JsonBodyContent.Of(body);

    /// <summary>No wait when the next attempt goes to another deployment; the upstream's Retry-After when it goes back to the same one.</summary>
    TimeSpan? DelayBefore(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var state = context.Properties.GetValue(State, new AttemptState());
        if (NextCandidates(state).Count > 0)
            return TimeSpan.Zero;
        return outcome.Result is { } failed ? RelayedHeaders.RetryAfter(failed, _time.GetUtcNow()) : null;
    }

    Deployment Pick(AttemptState state)
    {
        var candidates = NextCandidates(state);
        if (candidates.Count == 0)
            candidates = [.. _deployments.Where(d => !d.CoolingDown)];
        // Every deployment cooling down: the first primary is tried all the same, so the client hears a real answer.
        var chosen = candidates.Count == 0 ? _deployments[0] : Choose(candidates);
        state.Tried.Add(chosen);
        return chosen;
    }

    /// <summary>Healthy primaries not yet tried for this request; failing those, healthy fallbacks not yet tried.</summary>
    List<Deployment> NextCandidates(AttemptState state)
    {
        var primaries = _deployments.Where(d => !d.Fallback && !d.CoolingDown && !state.Tried.Contains(d)).ToList();
        return primaries.Count > 0 ? primaries : [.. _deployments.Where(d => d.Fallback && !d.CoolingDown && !state.Tried.Contains(d))];
    }

    Deployment Choose(List<Deployment> candidates)
    {
        if (candidates.Count == 1 || _balance == BalanceMode.Ordered)
            return candidates[0];
        if (_balance == BalanceMode.LeastInFlight)
            return candidates.MinBy(d => d.InFlight)!;

        // Smooth weighted round-robin (as nginx does): each candidate gains its weight, the richest is chosen and pays the total.
        lock (_gate)
        {
            Deployment? best = null;
            var bestIndex = -1;
            var total = 0;
            foreach (var candidate in candidates)
            {
                var i = IndexOf(candidate);
                _credit[i] += candidate.Weight;
                total += candidate.Weight;
                if (best is null || _credit[i] > _credit[bestIndex])
                    (best, bestIndex) = (candidate, i);
            }
            _credit[bestIndex] -= total;
            return best!;
        }
    }

    int IndexOf(Deployment deployment)
    {
        for (var i = 0; i < _deployments.Count; i++)
        {
            if (ReferenceEquals(_deployments[i], deployment))
                return i;
        }
        return -1;
    }

    sealed class AttemptState
    {
        public List<Deployment> Tried { get; } = [];
        public Deployment? Last { get; set; }
        public IDisposable? Lease { get; set; }
    }
}
