using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatApi.Tests.Embeddings;

/// <summary><c>POST /v1/embeddings</c> on the built-in backend, as a client sees it over HTTP.</summary>
public sealed class EmbeddingsTests
{
    [Fact]
    public async Task Create_SingleString_ReturnsOneUnitVectorOf1536WithCl100kUsage()
    {
        await using var app = new ChatApiFactory();

        var json = await app.CreateClient().PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "The quick brown fox jumped over the lazy dog" });

        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", json.GetProperty("model").GetString());
        var item = Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        var vector = Floats(item);
        Assert.Equal(1536, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 4);
        Assert.Equal(9, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(9, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_TextWhereTokenizersDiffer_CountsWithCl100k()
    {
        await using var app = new ChatApiFactory();
        // "<|endoftext|>" aside, cl100k and o200k disagree on most non-English text: cl100k needs more tokens for Greek.
        const string greek = "Καλημέρα κόσμε, τι κάνεις σήμερα;";
        var cl100k = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("text-embedding-3-small").CountTokens(greek);
        var o200k = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("gpt-4o").CountTokens(greek);
        Assert.NotEqual(cl100k, o200k);

        var json = await app.CreateClient().PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = greek });

        Assert.Equal(cl100k, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData("text-embedding-3-small", 1536)]
    [InlineData("text-embedding-ada-002", 1536)]
    [InlineData("text-embedding-3-large", 3072)]
    [InlineData("my-local-embedder", 1536)]
    public async Task Create_ByModel_HasTheModelsLength(string model, int length)
    {
        await using var app = new ChatApiFactory();

        var json = await app.CreateClient().PostJsonAsync("/v1/embeddings", new { model, input = "hello" });

        Assert.Equal(length, Floats(json.GetProperty("data")[0]).Length);
    }

    [Fact]
    public async Task Create_SameInputTwice_GivesTheSameVector()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var first = await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "repeatable" });
        var second = await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { "other", "repeatable" } });

        Assert.Equal(Floats(first.GetProperty("data")[0]), Floats(second.GetProperty("data")[1]));
        Assert.NotEqual(Floats(first.GetProperty("data")[0]), Floats(second.GetProperty("data")[0]));
    }

    [Fact]
    public async Task Create_Dimensions_TruncatesThenRenormalises()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        const string text = "Shortened vectors keep their direction where they can";

        var full = Floats((await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-large", input = text })).GetProperty("data")[0]);
        var cut = Floats((await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-large", input = text, dimensions = 256 })).GetProperty("data")[0]);

        Assert.Equal(256, cut.Length);
        Assert.Equal(1.0, Math.Sqrt(cut.Sum(x => (double)x * x)), 4);
        var norm = Math.Sqrt(full.Take(256).Sum(x => (double)x * x));
        for (var i = 0; i < 256; i++)
            Assert.Equal(full[i] / norm, cut[i], 5);
    }

    [Fact]
    public async Task Create_Base64_DecodesToTheFloatVector()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var floats = Floats((await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "bytes please" })).GetProperty("data")[0]);
        var base64 = (await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "bytes please", encoding_format = "base64" })).GetProperty("data")[0].GetProperty("embedding").GetString()!;

        var bytes = Convert.FromBase64String(base64);
        Assert.Equal(1536 * 4, bytes.Length);
        var decoded = Enumerable.Range(0, 1536).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
        Assert.Equal(floats, decoded);
    }

    [Fact]
    public async Task Create_TokenArrays_EmbedTheirDecodedTextAndCountTheirLength()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var tokenizer = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("text-embedding-3-small");
        var ids = tokenizer.EncodeToIds("Token arrays are text too").ToArray();

        var asText = await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = "Token arrays are text too" });
        var asTokens = await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = ids });
        var asBatch = await client.PostJsonAsync("/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { ids, ids[..2] } });

        Assert.Equal(Floats(asText.GetProperty("data")[0]), Floats(asTokens.GetProperty("data")[0]));
        Assert.Equal(ids.Length, asTokens.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(2, asBatch.GetProperty("data").GetArrayLength());
        Assert.Equal(1, asBatch.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.Equal(ids.Length + 2, asBatch.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_SharedWords_AreCloserThanUnrelatedText()
    {
        await using var app = new ChatApiFactory();
        var json = await app.CreateClient().PostJsonAsync("/v1/embeddings", new
        {
            model = "text-embedding-3-small",
            input = new[] { "The cat sat on the warm mat", "A cat sleeps on a mat", "Quarterly revenue grew by eight percent" },
        });

        var v = json.GetProperty("data").EnumerateArray().Select(Floats).ToArray();
        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.2, $"related {Cosine(v[0], v[1])}, unrelated {Cosine(v[0], v[2])}");
    }

    public static TheoryData<string, string?, string> BadRequests => new()
    {
        { """{"input":"x"}""", "model", "you must provide a model parameter" },
        { """{"model":"text-embedding-3-small"}""", "input", "Missing required parameter: 'input'." },
        { """{"model":"text-embedding-3-small","input":""}""", "input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":["a",""]}""", "input[1]", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":[]}""", "input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":[[]]}""", "input[0]", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":["a",[1]]}""", "input[1]", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":[-1]}""", "input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":{"text":"a"}}""", "input", "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference." },
        { """{"model":"text-embedding-3-small","input":"a","encoding_format":"int8"}""", "encoding_format", "Invalid value: 'int8'. Supported values are: 'float', and 'base64'." },
        { """{"model":"text-embedding-ada-002","input":"a","dimensions":256}""", "dimensions", "This model does not support specifying dimensions." },
        { """{"model":"text-embedding-3-small","input":"a","dimensions":0}""", "dimensions", "Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got 0 instead." },
        { """{"model":"text-embedding-3-small","input":"a","dimensions":1537}""", "dimensions", "Invalid 'dimensions': integer above maximum value. Expected a value <= 1536, but got 1537 instead." },
        { """{"model":"text-embedding-3-small","input":"a","temperature":1}""", "temperature", "Unrecognized request argument supplied: temperature" },
        { """{"model":"text-embedding-3-small","input":"a","dimensions":"8"}""", "dimensions", "Invalid type for 'dimensions'." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_BadRequest_Answers400InOpenAIsWords(string body, string? param, string message)
    {
        await using var app = new ChatApiFactory();

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/embeddings", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = json.GetProperty("error");
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Create_MoreThan2048Inputs_IsRefused()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();

        var (atLimit, _) = await client.SendJsonAsync(HttpMethod.Post, "/v1/embeddings", new { model = "text-embedding-3-small", input = Enumerable.Repeat("a", 2048).ToArray() });
        var (over, json) = await client.SendJsonAsync(HttpMethod.Post, "/v1/embeddings", new { model = "text-embedding-3-small", input = Enumerable.Repeat("a", 2049).ToArray() });

        Assert.Equal(HttpStatusCode.OK, atLimit);
        Assert.Equal(HttpStatusCode.BadRequest, over);
        Assert.StartsWith("'$.input' is invalid.", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_InputOver8192Tokens_IsRefusedWithItsCount()
    {
        await using var app = new ChatApiFactory();
        var client = app.CreateClient();
        var atLimit = Enumerable.Repeat(100, 8192).ToArray();  // token id 100 is one token, whatever its neighbours

        // A flat token array is limited to 2,048 items by OpenAI's schema; nested token arrays only by the token limit.
        var (ok, okJson) = await client.SendJsonAsync(HttpMethod.Post, "/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { atLimit } });
        var (over, json) = await client.SendJsonAsync(HttpMethod.Post, "/v1/embeddings", new { model = "text-embedding-3-small", input = new[] { atLimit[..1], [.. atLimit, 100] } });

        Assert.True(ok == HttpStatusCode.OK, okJson.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, over);
        Assert.Equal("input[1]", json.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(
            "This model's maximum context length is 8192 tokens, however you requested 8193 tokens (8193 in your prompt; 0 for the completion). Please reduce your prompt; or completion length.",
            json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_ModelRoutedToAnUpstream_IsRelayedThere()
    {
        await using var app = new ChatApiFactory(new Dictionary<string, string?>
        {
            ["Backends:Upstreams:far:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Backends:Routes:far-embed"] = "far",
        });

        var (status, json) = await app.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/embeddings", new { model = "far-embed", input = "a" });

        // Nothing listens there: the relay's own 502, not the built-in backend's vectors.
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    internal static float[] Floats(JsonElement item) =>
        [.. item.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle())];

    internal static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
}
