namespace ChatApi.Backends.Deterministic;

/// <summary>
/// A deterministic, unit-length vector for a text whose cosine similarity means something: feature hashing with signs over
/// the lowercased words (weight 1) and each word's character 3-grams (weight 0.5, the word padded with spaces), so texts that
/// share words, or parts of words, point the same way and unrelated texts are near orthogonal.
/// </summary>
public static class HashedEmbedding
{
    const float WordWeight = 1f;
    const float TrigramWeight = 0.5f;

    /// <summary>The full vector of <paramref name="size"/> dimensions, cut to <paramref name="dimensions"/> and renormalised as OpenAI shortens.</summary>
    public static float[] Of(string text, int size, int? dimensions = null)
    {
        var full = new float[size];
        Span<char> word = stackalloc char[64];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                // A word past 64 characters keeps its first 64.
                if (length < word.Length)
                    word[length++] = char.ToLowerInvariant(c);
                continue;
            }
            AddWord(full, word[..length]);
            length = 0;
        }
        AddWord(full, word[..length]);

        var vector = dimensions is { } d && d < size ? full[..d] : full;
        if (!Normalise(vector))
        {
            // No letters or digits at all (e.g. "?!"): one signed feature from the whole text.
            var hash = Fnv(text);
            vector[(int)(hash % (ulong)vector.Length)] = (hash >> 63) == 0 ? 1f : -1f;
        }
        return vector;
    }

    static void AddWord(float[] vector, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
            return;
        Add(vector, Fnv(word), WordWeight);
        // The word between spaces: "paris" gives " pa", "par", "ari", "ris", "is ".
        for (var start = -1; start + 3 <= word.Length + 1; start++)
        {
            var hash = 0xcbf29ce484222325UL ^ 0x9e3779b97f4a7c15UL;  // trigrams live apart from whole words
            for (var i = start; i < start + 3; i++)
                hash = (hash ^ (i < 0 || i >= word.Length ? ' ' : word[i])) * 0x100000001b3UL;
            Add(vector, hash, TrigramWeight);
        }
    }

    static void Add(float[] vector, ulong hash, float weight)
    {
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }

    static bool Normalise(float[] vector)
    {
        double sum = 0;
        foreach (var x in vector)
            sum += x * x;
        if (sum == 0)
            return false;
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
            vector[i] *= scale;
        return true;
    }

    // FNV-1a over UTF-16 code units: stable across processes and platforms, unlike string.GetHashCode.
    static ulong Fnv(ReadOnlySpan<char> text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in text)
            hash = (hash ^ c) * 0x100000001b3UL;
        return hash;
    }
}
