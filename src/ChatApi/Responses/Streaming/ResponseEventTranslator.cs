using System.Text;
using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;
using ChatApi.Contracts.Responses.Events;
using ChatApi.Responses.Translation;

namespace ChatApi.Responses.Streaming;

/// <summary>
/// Turns a chat completion stream into Responses events in OpenAI's order, numbered by <c>sequence_number</c>:
/// <c>response.created</c>, <c>response.in_progress</c>; per output item <c>output_item.added</c>, its deltas and its
/// <c>.done</c> events, <c>output_item.done</c> (an item closes when the next one opens); then
/// <c>response.completed</c> or <c>response.incomplete</c>. Works from typed chunks, so relayed chunks need only parsing.
/// </summary>
public sealed class ResponseEventTranslator(CreateResponse request, string responseId, long createdAt, TimeProvider time)
{
    readonly List<OutputItem> _output = [];
    readonly StringBuilder _text = new();
    readonly List<ResponseLogProb> _logprobs = [];
    readonly StringBuilder _arguments = new();
    readonly StringBuilder _reasoning = new();
    readonly StringBuilder _turnText = new();
    readonly List<ChatCompletionMessageToolCall> _turnCalls = [];
    int _sequence;
    Open _open = Open.Nothing;
    string _openId = "";
    string _callId = "";
    string _callName = "";
    int _chatCallIndex = -1;
    string? _finishReason;
    CompletionUsage? _usage;

    enum Open { Nothing, Reasoning, Message, FunctionCall }

    /// <summary>The response as it ended; set by <see cref="Finish"/>.</summary>
    public Response? Final { get; private set; }

    /// <summary>The assistant turn the stream made, for the stored conversation.</summary>
    public ChatCompletionRequestMessage AssistantTurn => new()
    {
        Role = MessageRoles.Assistant,
        Content = _turnCalls.Count > 0 && _turnText.Length == 0 ? null : new MessageContent { Text = _turnText.ToString() },
        ToolCalls = _turnCalls.Count > 0 ? [.. _turnCalls] : null,
    };

    public IEnumerable<ResponseStreamEvent> Start()
    {
        var pending = ResponseBuilder.Build(request, responseId, createdAt, ResponseStatuses.InProgress, []);
        yield return Number(new ResponseCreatedEvent(pending));
        yield return Number(new ResponseInProgressEvent(pending));
    }

    /// <param name="reasoning">Reasoning text a chat-only upstream sent beside the delta, if any.</param>
    public IEnumerable<ResponseStreamEvent> Add(ChatCompletionChunk chunk, string? reasoning = null)
    {
        _usage = chunk.Usage ?? _usage;
        if (!string.IsNullOrEmpty(reasoning))
        {
            if (_open != Open.Reasoning)
            {
                foreach (var e in Close())
                    yield return e;
                _open = Open.Reasoning;
                _openId = CompletionIds.NewHexId("rs_");
                yield return Number(new ResponseOutputItemAddedEvent(_output.Count, new ReasoningItem { Id = _openId, Status = ResponseStatuses.InProgress }));
            }
            _reasoning.Append(reasoning);
            yield return Number(new ResponseReasoningTextDeltaEvent(_openId, _output.Count, 0, reasoning));
        }

        if (chunk.Choices.Count == 0)
            yield break;
        var choice = chunk.Choices[0];
        _finishReason = choice.FinishReason ?? _finishReason;

        if (choice.Delta.Content is { Length: > 0 } content)
        {
            if (_open != Open.Message)
            {
                foreach (var e in Close())
                    yield return e;
                foreach (var e in OpenMessage())
                    yield return e;
            }
            _text.Append(content);
            _turnText.Append(content);
            IReadOnlyList<ResponseLogProb> logprobs = choice.Logprobs?.Content is { } lp ? [.. lp.Select(CompletionTranslator.LogProb)] : [];
            _logprobs.AddRange(logprobs);
            yield return Number(new ResponseTextDeltaEvent(_openId, _output.Count, 0, content, logprobs));
        }

        foreach (var call in choice.Delta.ToolCalls ?? [])
        {
            if (call.Index != _chatCallIndex)
            {
                foreach (var e in Close())
                    yield return e;
                _open = Open.FunctionCall;
                _chatCallIndex = call.Index;
                _openId = CompletionIds.NewHexId("fc_");
                _callId = call.Id ?? CompletionIds.NewToolCallId();
                _callName = call.Function?.Name ?? "";
                yield return Number(new ResponseOutputItemAddedEvent(_output.Count,
                    CompletionTranslator.FunctionCall(_openId, _callId, _callName, "", ResponseStatuses.InProgress)));
            }
            if (call.Function?.Arguments is { Length: > 0 } piece)
            {
                _arguments.Append(piece);
                yield return Number(new ResponseFunctionCallArgumentsDeltaEvent(_openId, _output.Count, piece));
            }
        }
    }

    /// <summary>Closes what is open and ends the stream with the whole response.</summary>
    public IEnumerable<ResponseStreamEvent> Finish()
    {
        var (status, incomplete) = CompletionTranslator.StatusOf(_finishReason);
        if (_output.Count == 0 && _open == Open.Nothing)
        {
            // A reply with no content at all is still one (empty) message, as the non-stream form has.
            foreach (var e in OpenMessage())
                yield return e;
        }
        foreach (var e in Close(status))
            yield return e;

        var completedAt = time.GetUtcNow().ToUnixTimeSeconds();
        Final = ResponseBuilder.Build(request, responseId, createdAt, status, [.. _output], CompletionTranslator.Usage(_usage), incomplete,
            completedAt: status == ResponseStatuses.Completed ? completedAt : null);
        yield return status == ResponseStatuses.Completed ? Number(new ResponseCompletedEvent(Final)) : Number(new ResponseIncompleteEvent(Final));
    }

    /// <summary>An <c>error</c> event for a failure after the stream has started.</summary>
    public ResponseStreamEvent Error(Error error) => Number(new ResponseErrorEvent(error.Code, error.Message, error.Param));

    IEnumerable<ResponseStreamEvent> OpenMessage()
    {
        _open = Open.Message;
        _openId = CompletionIds.NewHexId("msg_");
        yield return Number(new ResponseOutputItemAddedEvent(_output.Count,
            new OutputMessage { Id = _openId, Status = ResponseStatuses.InProgress, Content = [] }));
        yield return Number(new ResponseContentPartAddedEvent(_openId, _output.Count, 0, CompletionTranslator.Text("")));
    }

    IEnumerable<ResponseStreamEvent> Close(string status = ResponseStatuses.Completed)
    {
        var index = _output.Count;
        switch (_open)
        {
            case Open.Message:
                var text = _text.ToString();
                var part = new OutputTextContent { Text = text, Logprobs = [.. _logprobs] };
                yield return Number(new ResponseTextDoneEvent(_openId, index, 0, text, part.Logprobs));
                yield return Number(new ResponseContentPartDoneEvent(_openId, index, 0, part));
                yield return Done(CompletionTranslator.Message(_openId, status, part));
                _text.Clear();
                _logprobs.Clear();
                break;
            case Open.FunctionCall:
                var arguments = _arguments.ToString();
                yield return Number(new ResponseFunctionCallArgumentsDoneEvent(_openId, _callName, index, arguments));
                yield return Done(CompletionTranslator.FunctionCall(_openId, _callId, _callName, arguments));
                _turnCalls.Add(new ChatCompletionMessageToolCall { Id = _callId, Function = new FunctionCall { Name = _callName, Arguments = arguments } });
                _arguments.Clear();
                break;
            case Open.Reasoning:
                var reasoning = _reasoning.ToString();
                yield return Number(new ResponseReasoningTextDoneEvent(_openId, index, 0, reasoning));
                yield return Done(CompletionTranslator.Reasoning(_openId, reasoning));
                _reasoning.Clear();
                break;
        }
        _open = Open.Nothing;
    }

    ResponseStreamEvent Done(OutputItem item)
    {
        _output.Add(item);
        return Number(new ResponseOutputItemDoneEvent(_output.Count - 1, item));
    }

    T Number<T>(T e) where T : ResponseStreamEvent => e with { SequenceNumber = _sequence++ };
}
