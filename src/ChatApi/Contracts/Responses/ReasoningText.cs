namespace ChatApi.Contracts.Responses;

/// <summary>A reasoning part: <c>{"type":"reasoning_text","text":…}</c> (or <c>summary_text</c> in a summary).</summary>
public sealed record ReasoningText(string Type, string Text);
