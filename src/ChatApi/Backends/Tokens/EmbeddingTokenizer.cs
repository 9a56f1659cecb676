using Microsoft.ML.Tokenizers;

namespace ChatApi.Backends.Tokens;

/// <summary>cl100k_base, the tokenizer of OpenAI's embedding models: counts string inputs and decodes token-array inputs.</summary>
public sealed class EmbeddingTokenizer
{
    // cl100k_base ids run from 0 to 100,276 (<|endofprompt|>); a few ids between the specials are unused.
    const int IdLimit = 100_277;

    readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForModel("text-embedding-3-small");

    public int Count(string text) => _tokenizer.CountTokens(text);

    /// <summary>The text of the tokens, or null when one is not a cl100k_base token.</summary>
    public string? Decode(IReadOnlyList<int> ids)
    {
        if (ids.Any(id => id is < 0 or >= IdLimit))
            return null;
        try
        {
            return _tokenizer.Decode(ids);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }
}
