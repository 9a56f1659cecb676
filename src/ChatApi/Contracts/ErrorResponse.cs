namespace ChatApi.Contracts;

public sealed record ErrorResponse(Error Error);
