namespace ChatApi.Contracts.Responses;

/// <summary>Why a response is incomplete: <c>max_output_tokens</c> or <c>content_filter</c>.</summary>
public sealed record IncompleteDetails(string Reason);
