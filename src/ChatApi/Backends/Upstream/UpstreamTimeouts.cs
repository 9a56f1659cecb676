namespace ChatApi.Backends.Upstream;

public static class UpstreamTimeouts
{
    /// <summary>The whole exchange's limit (the first deployment's <c>TotalTimeoutSeconds</c>), linked to the client's token.</summary>
    public static CancellationTokenSource Total(UpstreamPool pool, CancellationToken ct)
    {
        var total = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (pool.Deployments[0].Options.TotalTimeoutSeconds is { } seconds)
            total.CancelAfter(TimeSpan.FromSeconds(seconds));
        return total;
    }
}
