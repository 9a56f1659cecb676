using System.ClientModel;
using OpenAI.Embeddings;

namespace ChatApi.Tests.Sdk;

/// <summary>The official .NET <see cref="EmbeddingClient"/> against ChatApi on loopback (it asks for base64 and decodes it).</summary>
public sealed class EmbeddingsSdkTests
{
    static readonly string[] Corpus =
    [
        "To reset your password, open Settings, choose Security and click Reset password.",
        "Our office is open Monday to Friday from 9am to 5pm.",
        "Refunds are issued to the original payment method within ten days.",
        "The API rate limit is 500 requests per minute per project.",
        "Shipping to Europe takes three to five business days.",
    ];

    [Fact]
    public async Task GenerateEmbeddings_RagRetrieval_PicksTheDocumentThatAnswers()
    {
        await using var app = new ChatApiFactory();
        var client = SdkClients.OpenAI(app.StartOnLoopback()).GetEmbeddingClient("text-embedding-3-small");
        var ct = TestContext.Current.CancellationToken;

        OpenAIEmbeddingCollection documents = await client.GenerateEmbeddingsAsync(Corpus, cancellationToken: ct);
        var questions = new Dictionary<string, int>
        {
            ["How do I reset my password?"] = 0,
            ["When is the office open?"] = 1,
            ["How long do refunds take?"] = 2,
            ["What is the rate limit of the API?"] = 3,
            ["How many days does shipping to Europe take?"] = 4,
        };

        Assert.Equal(Corpus.Length, documents.Count);
        Assert.True(documents.Usage.InputTokenCount > Corpus.Length * 5);
        foreach (var (question, expected) in questions)
        {
            OpenAIEmbedding query = await client.GenerateEmbeddingAsync(question, cancellationToken: ct);
            var best = documents.Select((d, i) => (Score: Cosine(query.ToFloats().Span, d.ToFloats().Span), Index: i)).MaxBy(s => s.Score).Index;
            Assert.True(best == expected, $"'{question}' retrieved '{Corpus[best]}'");
        }
    }

    [Fact]
    public async Task GenerateEmbedding_Dimensions_ShortensToAUnitVector()
    {
        await using var app = new ChatApiFactory();
        var client = SdkClients.OpenAI(app.StartOnLoopback()).GetEmbeddingClient("text-embedding-3-large");

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("short", new EmbeddingGenerationOptions { Dimensions = 64 }, TestContext.Current.CancellationToken);

        var floats = embedding.ToFloats().ToArray();
        Assert.Equal(64, floats.Length);
        Assert.Equal(1.0, Math.Sqrt(floats.Sum(x => (double)x * x)), 4);
    }

    [Fact]
    public async Task GenerateEmbeddings_TokenArrays_AreAccepted()
    {
        await using var app = new ChatApiFactory();
        var client = SdkClients.OpenAI(app.StartOnLoopback()).GetEmbeddingClient("text-embedding-ada-002");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync([new ReadOnlyMemory<int>([9906, 1917])], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1536, Assert.Single(embeddings).ToFloats().Length);
        Assert.Equal(2, embeddings.Usage.InputTokenCount);
    }

    [Fact]
    public async Task GenerateEmbedding_DimensionsOnAda_IsA400TheSdkRaises()
    {
        await using var app = new ChatApiFactory();
        var client = SdkClients.OpenAI(app.StartOnLoopback()).GetEmbeddingClient("text-embedding-ada-002");

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.GenerateEmbeddingAsync("x", new EmbeddingGenerationOptions { Dimensions = 8 }, TestContext.Current.CancellationToken));

        Assert.Equal(400, error.Status);
        Assert.Contains("This model does not support specifying dimensions.", error.Message);
    }

    static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
