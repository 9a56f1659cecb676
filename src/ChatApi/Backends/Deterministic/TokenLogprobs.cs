using System.Text;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Log probabilities for generated tokens: stable for a seed, always ≤ 0, and shaped as OpenAI's —
/// <c>top_logprobs</c> starts with the chosen token and descends.
/// </summary>
public static class TokenLogprobs
{
    // Alternatives offered in top_logprobs; more than 20 so there are always enough besides the chosen token.
    static readonly string[] Alternatives =
    [
        " the", " a", " and", ".", ",", " to", " of", " is", " it", " that", " in", " you", " I", "\n", " this",
        " for", " with", " on", " can", " be", " as", " at", " or", " not", " are",
    ];

    public static IReadOnlyList<ChatCompletionTokenLogprob> For(IReadOnlyList<string> tokens, int topCount, int seed) =>
        [.. Stream(tokens, topCount, seed)];

    /// <summary>The same as <see cref="For"/>, one token at a time.</summary>
    public static IEnumerable<ChatCompletionTokenLogprob> Stream(IEnumerable<string> tokens, int topCount, int seed)
    {
        var random = new Random(seed);
        foreach (var token in tokens)
        {
            // Cubing skews towards 0: most tokens are likely, a few are not.
            var logprob = -Math.Round(Math.Pow(random.NextDouble(), 3) * 2.5, 6);
            yield return new ChatCompletionTokenLogprob
            {
                Token = token,
                Logprob = logprob,
                Bytes = Bytes(token),
                TopLogprobs = Top(token, logprob, topCount, random),
            };
        }
    }

    static List<TopLogprob> Top(string token, double logprob, int count, Random random)
    {
        var top = new List<TopLogprob>(count);
        if (count == 0)
            return top;
        top.Add(new TopLogprob { Token = token, Logprob = logprob, Bytes = Bytes(token) });
        var offset = random.Next(Alternatives.Length);
        var current = logprob;
        for (var i = 0; top.Count < count; i++)
        {
            var alternative = Alternatives[(offset + i) % Alternatives.Length];
            if (alternative == token)
                continue;
            current = Math.Round(current - (0.25 + random.NextDouble() * 2), 6);
            top.Add(new TopLogprob { Token = alternative, Logprob = current, Bytes = Bytes(alternative) });
        }
        return top;
    }

    static int[] Bytes(string token) => [.. Encoding.UTF8.GetBytes(token).Select(b => (int)b)];
}
