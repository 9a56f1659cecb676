using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using StreamBench;

// Measures how fast one client over loopback receives a streamed reply of 1,000 tokens.
// Start the server yourself (with pacing off), then: dotnet run -c Release -- http://127.0.0.1:5000 [runs] [model]
// Or holds many streams open at once: StreamBench hold <base-url> <streams> <seconds> [model]
// Or the same reply through the Responses API (output_text.delta events): StreamBench responses <base-url> [runs] [model]
if (args is ["hold", var holdUrl, var streams, var seconds, ..] && Uri.TryCreate(holdUrl, UriKind.Absolute, out var holdAddress))
{
    return await HeldStreams.RunAsync(holdAddress, int.Parse(streams, CultureInfo.InvariantCulture),
        int.Parse(seconds, CultureInfo.InvariantCulture), args.Length > 4 ? args[4] : StreamRequest.DefaultModel);
}
var responses = args is ["responses", ..];
if (responses)
    args = args[1..];
if (args.Length == 0 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseAddress))
{
    Console.Error.WriteLine("usage: StreamBench <base-url> [runs] [model]");
    Console.Error.WriteLine("       StreamBench hold <base-url> <streams> <seconds> [model]");
    Console.Error.WriteLine("       StreamBench responses <base-url> [runs] [model]");
    return 2;
}
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var model = args.Length > 2 ? args[2] : StreamRequest.DefaultModel;
const int Tokens = 1000;

using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
var body = responses ? StreamRequest.ResponsesBody(model, Tokens) : StreamRequest.Body(model, Tokens);
Func<Task<int>> streamOnce = responses ? StreamResponseOnceAsync : StreamOnceAsync;

for (var i = 0; i < 5; i++)
    await streamOnce();

var rates = new List<double>();
long totalTokens = 0;
var total = Stopwatch.StartNew();
for (var i = 0; i < runs; i++)
{
    var clock = Stopwatch.StartNew();
    var tokens = await streamOnce();
    rates.Add(tokens / clock.Elapsed.TotalSeconds);
    totalTokens += tokens;
}
total.Stop();

rates.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{runs} streams of {Tokens} tokens: median {rates[rates.Count / 2]:N0} tokens/s, worst {rates[0]:N0}, best {rates[^1]:N0}, overall {totalTokens / total.Elapsed.TotalSeconds:N0} tokens/s"));
return 0;

// Reads the stream as a client does, line by line to [DONE]; returns the streamed tokens (one content chunk each).
async Task<int> StreamOnceAsync()
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(body) };
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    var contentChunks = 0;
    string? last = null;
    while (await reader.ReadLineAsync() is { } line)
    {
        if (!line.StartsWith("data: ", StringComparison.Ordinal))
            continue;
        if (line == "data: [DONE]")
            break;
        if (line.Contains("\"delta\":{\"content\":\"", StringComparison.Ordinal) && !line.Contains("\"content\":\"\"", StringComparison.Ordinal))
            contentChunks++;
        last = line;
    }
    var usage = JsonDocument.Parse(last!["data: ".Length..]).RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
    if (usage != contentChunks)
        throw new InvalidOperationException($"usage says {usage} tokens but {contentChunks} content chunks arrived");
    return contentChunks;
}

// The Responses stream, event by event to response.completed (or .incomplete at the token limit); returns the output_text.delta events (one token each).
async Task<int> StreamResponseOnceAsync()
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/responses") { Content = JsonContent.Create(body) };
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    var deltas = 0;
    string? completed = null;
    while (await reader.ReadLineAsync() is { } line)
    {
        if (!line.StartsWith("data: ", StringComparison.Ordinal))
            continue;
        if (line.Contains("\"type\":\"response.output_text.delta\"", StringComparison.Ordinal))
            deltas++;
        else if (line.Contains("\"type\":\"response.completed\"", StringComparison.Ordinal) || line.Contains("\"type\":\"response.incomplete\"", StringComparison.Ordinal))
        {
            completed = line;
            break;
        }
    }
    var usage = JsonDocument.Parse(completed!["data: ".Length..]).RootElement.GetProperty("response").GetProperty("usage").GetProperty("output_tokens").GetInt32();
    if (usage != deltas)
        throw new InvalidOperationException($"usage says {usage} tokens but {deltas} output_text.delta events arrived");
    return deltas;
}
