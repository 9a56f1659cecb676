using System.Globalization;
using System.Text.Json;
using ChatApi.Contracts;

namespace StoreTool;

/// <summary>Rows shaped like the server's: the same wire JSON for the response and the messages.</summary>
internal static class Rows
{
    static readonly string[] Models = ["gpt-4o", "gpt-4o-mini"];
    static readonly string[] Teams = ["red", "blue", "green", "gold"];

    public sealed record Row(string Id, string Model, long Created, string ResponseJson, string MessagesJson, IReadOnlyDictionary<string, string> Metadata);

    /// <summary>Row <paramref name="n"/> of the seeded store: <c>team</c> is common (1 in 4), <c>tag=rare</c> is on 1 row in 10,000.</summary>
    public static Row Seeded(long n)
    {
        var metadata = new Dictionary<string, string>
        {
            ["team"] = Teams[n % Teams.Length],
            ["user"] = string.Create(CultureInfo.InvariantCulture, $"user-{n % 1000}"),
        };
        if (n % 10_000 == 0)
            metadata["tag"] = "rare";
        return Make(n, Models[n % Models.Length], metadata);
    }

    /// <summary>Like post-stored.lua's rows: four metadata pairs.</summary>
    public static Row Posted(long n) => Make(n, "gpt-4o-mini", new Dictionary<string, string>
    {
        ["team"] = Teams[n % Teams.Length],
        ["user"] = string.Create(CultureInfo.InvariantCulture, $"user-{n % 100}"),
        ["run"] = string.Create(CultureInfo.InvariantCulture, $"t1-{n}"),
        ["batch"] = string.Create(CultureInfo.InvariantCulture, $"b{n % 10}"),
    });

    static Row Make(long n, string model, Dictionary<string, string> metadata)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-seed{n:D20}");
        var created = 1_760_000_000 + n / 10;
        var completion = new StoredChatCompletion
        {
            Id = id,
            Created = created,
            Model = model,
            Choices =
            [
                new ChatCompletionChoice
                {
                    Index = 0,
                    Message = new ChatCompletionResponseMessage { Content = "Sure, here is a short answer. You asked about \"Write one sentence about a fox at sunset.\". The main idea depends on a clear goal. A quick check starts with the data at hand. I hope this helps." },
                    FinishReason = FinishReasons.Stop,
                },
            ],
            Usage = new CompletionUsage { PromptTokens = 24, CompletionTokens = 41 },
            SystemFingerprint = "fp_chatapi_det_v1",
            Metadata = metadata,
            RequestId = string.Create(CultureInfo.InvariantCulture, $"req_{n:x32}"),
        };
        IReadOnlyList<StoredMessage> messages = [new StoredMessage { Id = id + "-0", Role = "user", Content = "Write one sentence about a fox at sunset." }];
        return new Row(
            id, model, created,
            JsonSerializer.Serialize(completion, ChatApiJson.Options),
            JsonSerializer.Serialize(messages, ChatApiJson.Options),
            metadata);
    }
}
