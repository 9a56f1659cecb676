using System.Text;
using ChatApi.Contracts;

namespace ChatApi.Streaming;

/// <summary>Rebuilds the whole completion from its chunks, so a streamed answer can be stored like any other.</summary>
public sealed class CompletionAssembler
{
    readonly SortedDictionary<int, ChoiceParts> _choices = [];
    ChatCompletionChunk? _first;
    CompletionUsage? _usage;

    public void Add(ChatCompletionChunk chunk)
    {
        _first ??= chunk;
        _usage = chunk.Usage ?? _usage;
        foreach (var choice in chunk.Choices)
        {
            if (!_choices.TryGetValue(choice.Index, out var parts))
                _choices[choice.Index] = parts = new ChoiceParts();
            parts.Add(choice);
        }
    }

    public ChatCompletion? Build() => _first is null ? null : new ChatCompletion
    {
        Id = _first.Id,
        Created = _first.Created,
        Model = _first.Model,
        ServiceTier = _first.ServiceTier,
        SystemFingerprint = _first.SystemFingerprint,
        Choices = [.. _choices.Select(c => c.Value.Build(c.Key))],
        Usage = _usage,
    };

    sealed class ChoiceParts
    {
        readonly StringBuilder _content = new();
        readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _toolCalls = [];
        List<ChatCompletionTokenLogprob>? _logprobs;
        string? _functionName;
        StringBuilder? _functionArguments;
        bool _hasContent;
        string? _finishReason;

        public void Add(ChatCompletionChunkChoice choice)
        {
            if (choice.Delta.Content is { } content)
            {
                _content.Append(content);
                _hasContent = true;
            }
            foreach (var call in choice.Delta.ToolCalls ?? [])
            {
                var (id, name, arguments) = _toolCalls.TryGetValue(call.Index, out var known) ? known : (null, null, new StringBuilder());
                _toolCalls[call.Index] = (id ?? call.Id, name ?? call.Function?.Name, arguments.Append(call.Function?.Arguments));
            }
            if (choice.Delta.FunctionCall is { } function)
            {
                _functionName ??= function.Name;
                (_functionArguments ??= new StringBuilder()).Append(function.Arguments);
            }
            if (choice.Logprobs?.Content is { } logprobs)
                (_logprobs ??= []).AddRange(logprobs);
            _finishReason = choice.FinishReason ?? _finishReason;
        }

        public ChatCompletionChoice Build(int index) => new()
        {
            Index = index,
            Message = new ChatCompletionResponseMessage
            {
                Content = _hasContent && _content.Length > 0 || _toolCalls.Count == 0 && _functionArguments is null ? _content.ToString() : null,
                FunctionCall = _functionArguments is null ? null : new FunctionCall { Name = _functionName ?? "", Arguments = _functionArguments.ToString() },
                ToolCalls = _toolCalls.Count == 0 ? null : [.. _toolCalls.Values.Select(c => new ChatCompletionMessageToolCall
                {
                    Id = c.Id ?? "",
                    Function = new FunctionCall { Name = c.Name ?? "", Arguments = c.Arguments.ToString() },
                })],
            },
            Logprobs = _logprobs is null ? null : new ChoiceLogprobs { Content = _logprobs },
            FinishReason = _finishReason ?? FinishReasons.Stop,
        };
    }
}
