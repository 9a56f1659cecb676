namespace ChatApi.Streaming;

/// <summary>Drops a client's connection without finishing the response, as a failing network or proxy would.</summary>
public static class ConnectionCut
{
    // A flush hands chunks to the server's output pipe, not yet to the socket, and an abort drops what is still
    // queued; this pause lets the chunks already sent reach the client first.
    static readonly TimeSpan DrainBeforeCut = TimeSpan.FromMilliseconds(200);

    // Aborting the connection cancels the request's token; this only bounds the wait if it somehow does not.
    static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(10);

    /// <summary>Aborts, then ends with the request's cancellation (never returns normally, so nothing completes the response).</summary>
    /// <param name="drainFirst">Chunks were written: give them time to leave first.</param>
    public static async Task CutAsync(HttpContext? http, bool drainFirst, TimeProvider time, CancellationToken ct)
    {
        if (drainFirst)
            await Task.Delay(DrainBeforeCut, time, ct);
        http?.Abort();
        await Task.Delay(AbortWait, time, ct);
        throw new InvalidOperationException("The connection was aborted but the request was not cancelled.");
    }
}
