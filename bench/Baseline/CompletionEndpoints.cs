using Baseline.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baseline;

/// <summary>The ceiling: parse the request, build a same-sized response, nothing else.</summary>
internal static class CompletionEndpoints
{
    const string Answer =
        "The quick brown fox jumps over the lazy dog while the sun sets behind the hills, " +
        "and a gentle breeze carries the scent of pine across the quiet valley where travellers rest for the night.";

    const int AnswerTokens = 40;

    public static RouteGroupBuilder MapCompletions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/chat/completions");
        group.MapPost("/", Create).WithName("createChatCompletion");
        return group;
    }

    static Results<Ok<ChatCompletion>, BadRequest> Create(CreateChatCompletionRequest request, TimeProvider time)
    {
        if (request.Model is null || request.Messages is not { Count: > 0 })
            return TypedResults.BadRequest();

        var promptTokens = request.Messages.Sum(m => (m.Content?.Length ?? 0) / 4 + 4);
        return TypedResults.Ok(new ChatCompletion
        {
            Id = $"chatcmpl-{Guid.NewGuid():N}",
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Model = request.Model,
            Choices = [new ChatCompletionChoice { Index = 0, Message = new() { Content = Answer }, FinishReason = "stop" }],
            Usage = new CompletionUsage { PromptTokens = promptTokens, CompletionTokens = AnswerTokens },
            SystemFingerprint = "fp_baseline",
        });
    }
}
