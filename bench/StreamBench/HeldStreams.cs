using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace StreamBench;

/// <summary>
/// Opens many streams at once and keeps them open, reading each as its events arrive, so the server's memory can be
/// watched under that many open streams (bench/proxy.sh samples its RSS meanwhile). Point it at a slowly paced
/// upstream (e.g. <c>Deterministic:TokensPerSecond=2</c>) so no stream ends on its own.
/// </summary>
internal static class HeldStreams
{
    const int Tokens = 1000;
    const int OpeningAtOnce = 100;   // requests waiting for their headers at one time
    static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(Uri baseAddress, int streams, int seconds, string model)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var body = StreamRequest.Body(model, Tokens);
        var opening = new SemaphoreSlim(OpeningAtOnce);
        var counts = new Counts();
        var clock = Stopwatch.StartNew();

        var holds = Enumerable.Range(0, streams).Select(_ => HoldAsync(client, body, opening, counts, stop.Token)).ToArray();
        while (Volatile.Read(ref counts.Streaming) + Volatile.Read(ref counts.Failed) < streams && clock.Elapsed < OpenTimeout)
            await Task.Delay(100);
        var openSeconds = clock.Elapsed.TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"StreamBench hold: {counts.Streaming} of {streams} streams open after {openSeconds:F1}s; holding {seconds}s"));

        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var openAtEnd = counts.Streaming - counts.Ended;
        stop.Cancel();
        await Task.WhenAll(holds);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HOLD streams={streams} opened={counts.Streaming} open_at_end={openAtEnd} failed={counts.Failed} ended_early={counts.Ended} events={counts.Events} open_seconds={openSeconds:F1}"));
        if (counts.FirstError is { } error)
            Console.Error.WriteLine($"StreamBench hold: first failure: {error}");
        return openAtEnd == streams ? 0 : 1;
    }

    // One stream: counted as streaming once its first event arrived, then read until the server ends it or we stop.
    static async Task HoldAsync(HttpClient client, object body, SemaphoreSlim opening, Counts counts, CancellationToken stop)
    {
        var streaming = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
            HttpResponseMessage response;
            await opening.WaitAsync(stop);
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            }
            finally
            {
                opening.Release();
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"status {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(stop)}");
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                        continue;
                    Interlocked.Increment(ref counts.Events);
                    if (!streaming)
                    {
                        streaming = true;
                        Interlocked.Increment(ref counts.Streaming);
                    }
                }
                Interlocked.Increment(ref counts.Ended);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            if (!streaming)
                Interlocked.Increment(ref counts.Failed);
            else
                Interlocked.Increment(ref counts.Ended);
            Interlocked.CompareExchange(ref counts.FirstError, e.Message, null);
        }
    }

    sealed class Counts
    {
        public int Streaming;
        public int Failed;
        public int Ended;
        public long Events;
        public string? FirstError;
    }
}
