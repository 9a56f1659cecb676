using System.Text;
using System.Text.Json.Nodes;
using ChatApi.Backends.Recording;

namespace ChatApi.Tests.Recording;

public sealed class CassetteFileTests
{
    static Cassette Sample(string? body = null, IReadOnlyList<RecordedEvent>? events = null) => new()
    {
        Key = "0123456789abcdef",
        Endpoint = "chat/completions",
        Request = JsonNode.Parse("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}"""),
        Status = 200,
        Headers = new(StringComparer.Ordinal) { ["content-type"] = "application/json", ["x-ratelimit-remaining-requests"] = "99" },
        Body = body,
        Events = events,
    };

    [Theory]
    [InlineData("""{"id":"chatcmpl-1","object":"chat.completion","choices":[],"vendor_field":{"x":1.50}}""")]
    [InlineData("{\n  \"id\": \"chatcmpl-1\",\n  \"choices\": []\n}\n")]
    [InlineData("""{"id":"chatcmpl-1", "content": "caf\u00e9 <b>"}""")]
    [InlineData("""{"a":"é ☃ 🎉","b":1e3}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void WriteThenRead_Body_ExactlyTheSameText(string body)
    {
        var read = CassetteFile.Read(CassetteFile.Write(Sample(body)));

        Assert.Equal(body, read.Body);
        Assert.Equal(200, read.Status);
        Assert.Equal("99", read.Headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("Hi", read.Request!["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void WriteThenRead_Events_ExactlyTheSameDataAndDelays()
    {
        RecordedEvent[] events = [new(120, """{"id":"c","choices":[{"delta":{"content":"He"}}]}"""), new(30, """{"id":"c", "choices":[]}"""), new(0, "keep-alive")];

        var read = CassetteFile.Read(CassetteFile.Write(Sample(events: events)));

        Assert.Null(read.Body);
        Assert.Equal(events, read.Events);
    }

    [Fact]
    public void Write_JsonBody_EmbeddedReadably()
    {
        var text = Encoding.UTF8.GetString(CassetteFile.Write(Sample("""{"id":"chatcmpl-1","choices":[]}""")));

        Assert.Contains("\"json\": {\n        \"id\": \"chatcmpl-1\"", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void Write_SameCassetteTwice_SameBytes() =>
        Assert.Equal(CassetteFile.Write(Sample("""{"b":2,"a":1}""")), CassetteFile.Write(Sample("""{"b":2,"a":1}""")));

    [Theory]
    [InlineData("{")]
    [InlineData("""{"chatapiCassette":99,"response":{"status":200}}""")]
    [InlineData("""{"chatapiCassette":1}""")]
    public void Read_NotACassette_InvalidDataSayingWhy(string text) =>
        Assert.False(string.IsNullOrEmpty(Assert.Throws<InvalidDataException>(() => CassetteFile.Read(Encoding.UTF8.GetBytes(text))).Message));

    [Fact]
    public void Round_ToTenMilliseconds() =>
        Assert.Equal([0, 0, 10, 10, 120], new[] { -3.0, 4.9, 5, 14.9, 123 }.Select(ms => RecordedEvent.Round(TimeSpan.FromMilliseconds(ms))));
}
