// The floor under any relay built on Kestrel and HttpClient: POST /v1/chat/completions forwarded to --Upstream with no
// logic at all (no validation, log, metrics, auth, retries), the answer's bytes copied back as they arrive. bench/proxy.sh
// measures it beside ChatApi's relay, so the relay's own cost reads as the gap between the two.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var upstream = new Uri(builder.Configuration["Upstream"] ?? "http://127.0.0.1:5911/v1/");
var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });

var app = builder.Build();
app.MapPost("/v1/chat/completions", async (HttpContext http) =>
{
    using var body = new MemoryStream();
    await http.Request.Body.CopyToAsync(body, http.RequestAborted);
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream, "chat/completions"))
    {
        Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
    };
    request.Content.Headers.ContentType = new("application/json");
    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
    http.Response.StatusCode = (int)response.StatusCode;
    http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
    if (response.Content.Headers.ContentLength is { } length)
        http.Response.ContentLength = length;
    await using var answer = await response.Content.ReadAsStreamAsync(http.RequestAborted);
    var buffer = new byte[16 * 1024];
    int read;
    while ((read = await answer.ReadAsync(buffer, http.RequestAborted)) > 0)
    {
        await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
});
app.Run();
