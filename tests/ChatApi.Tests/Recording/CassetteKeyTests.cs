using System.Text.Json;
using ChatApi.Backends.Recording;

namespace ChatApi.Tests.Recording;

public sealed class CassetteKeyTests
{
    static string Key(string json) => CassetteKey.Compute("chat/completions", JsonDocument.Parse(json).RootElement);

    const string Base = """{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}]}""";

    [Theory]
    [InlineData("""{"messages":[{"content":"Hi","role":"user"}],"temperature":1,"model":"gpt-4o"}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1.0,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1e0,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{ "model" : "gpt-4o", "temperature": 1, "messages": [ { "role": "user", "content": "Hi" } ] }""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}],"user":"u-1","metadata":{"test":"a"},"store":true}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}],"safety_identifier":"s","prompt_cache_key":"k","top_p":null}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"\u0048i"}]}""")]
    public void Compute_SameAnswerDifferentForm_SameKey(string json) => Assert.Equal(Key(Base), Key(json));

    [Theory]
    [InlineData("""{"model":"gpt-4o","temperature":0.5,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o-mini","temperature":1,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi!"}]}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}],"stream":true}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"}],"seed":1}""")]
    [InlineData("""{"model":"gpt-4o","temperature":1,"messages":[{"role":"user","content":"Hi"},{"role":"user","content":"Hi"}]}""")]
    public void Compute_DifferentRequest_DifferentKey(string json) => Assert.NotEqual(Key(Base), Key(json));

    [Fact]
    public void Compute_IncludeObfuscationIgnored_IncludeUsageNot()
    {
        var stream = """{"model":"gpt-4o","stream":true,"messages":[]}""";
        Assert.Equal(Key(stream), Key("""{"model":"gpt-4o","stream":true,"stream_options":{"include_obfuscation":false},"messages":[]}"""));
        Assert.NotEqual(Key(stream), Key("""{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}"""));
    }

    [Fact]
    public void Compute_IgnoredNameNestedElsewhere_StillInTheKey() =>
        Assert.NotEqual(
            Key("""{"model":"gpt-4o","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"properties":{"user":{"type":"string"}}}}}}"""),
            Key("""{"model":"gpt-4o","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"properties":{"store":{"type":"string"}}}}}}"""));

    [Fact]
    public void Compute_SameBodyOtherEndpoint_DifferentKey() =>
        Assert.NotEqual(Key(Base), CassetteKey.Compute("responses", JsonDocument.Parse(Base).RootElement));

    [Fact]
    public void Compute_IsSixteenLowerHexCharacters() => Assert.Matches("^[0-9a-f]{16}$", Key(Base));

    [Fact]
    public void Compute_SameBodyOnAnotherEndpoint_DifferentKey()
    {
        var body = JsonDocument.Parse(Base).RootElement;

        Assert.NotEqual(CassetteKey.Compute("chat/completions", body), CassetteKey.Compute("embeddings", body));
        Assert.NotEqual(CassetteKey.Compute("chat/completions", body), CassetteKey.Compute("responses", body));
    }
}
