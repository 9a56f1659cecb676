namespace ChatApi.Streaming;

/// <summary>
/// The <c>obfuscation</c> field: random characters that pad a chunk's content so the sizes of encrypted chunks
/// do not reveal the tokens. The value means nothing; only its length varies.
/// </summary>
public static class ObfuscationPadding
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const int Block = 8;

    public static string For(int contentLength) =>
        string.Create(Block - contentLength % Block, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        });
}
