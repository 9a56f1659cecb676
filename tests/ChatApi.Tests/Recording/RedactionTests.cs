using System.Text.Json.Nodes;
using ChatApi.Backends.Recording;

namespace ChatApi.Tests.Recording;

public sealed class RedactionTests
{
    [Fact]
    public void Headers_KeepsUsualOnes_NeverCredentials_DropsConfigured()
    {
        var redaction = new Redaction(new RecordingOptions { KeepHeaders = ["X-Vendor-Trace"], RedactHeaders = ["x-ratelimit-limit-tokens"] });

        var kept = redaction.Headers(
        [
            new("Content-Type", "application/json"), new("Authorization", "Bearer sk-secret"), new("Set-Cookie", "a=b"),
            new("x-ratelimit-remaining-requests", "9"), new("x-ratelimit-limit-tokens", "100"), new("Retry-After", "2"),
            new("Date", "Wed, 02 Dec 2026 03:00:00 GMT"), new("x-request-id", "req_1"), new("X-Vendor-Trace", "t"), new("api-key", "k"),
        ]);

        Assert.Equal(["content-type", "retry-after", "x-ratelimit-remaining-requests", "x-vendor-trace"], kept.Keys);
    }

    [Fact]
    public void Request_ConfiguredFields_ReplacedInACopy()
    {
        var redaction = new Redaction(new RecordingOptions { RedactFields = ["messages.*.content", "user", "metadata.email", "absent.field"] });
        var request = JsonNode.Parse("""{"user":"u","metadata":{"email":"a@b","team":"t"},"messages":[{"role":"system","content":"s"},{"role":"user","content":"u"}]}""");

        var copy = redaction.Request(request)!;

        Assert.Equal("""{"user":"[redacted]","metadata":{"email":"[redacted]","team":"t"},"messages":[{"role":"system","content":"[redacted]"},{"role":"user","content":"[redacted]"}]}""", copy.ToJsonString());
        Assert.Equal("u", request!["user"]!.GetValue<string>());
    }
}
