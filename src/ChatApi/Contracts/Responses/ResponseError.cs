namespace ChatApi.Contracts.Responses;

/// <summary>Why a response failed (<c>ResponseError</c>).</summary>
public sealed record ResponseError(string Code, string Message);
