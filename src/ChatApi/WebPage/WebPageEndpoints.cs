namespace ChatApi.WebPage;

/// <summary>
/// The web page: <c>/</c> (stored completions) and <c>/completions/{id}</c> (one of them) serve one HTML shell whose script
/// reads everything through the public <c>/v1</c> API, with the caller's API key when the server asks for one.
/// </summary>
public static class WebPageEndpoints
{
    // Only this server's own files run: stored content is shown as text, never as markup.
    const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        var assets = new WebPageAssets();
        app.MapGet("/", (HttpContext http) => Serve(http, assets.Find("index.html")!)).ExcludeFromDescription();
        app.MapGet("/completions/{completion_id}", (HttpContext http) => Serve(http, assets.Find("index.html")!)).ExcludeFromDescription();
        app.MapGet("/_page/{file}", (string file, HttpContext http) =>
            assets.Find(file) is { } asset ? Serve(http, asset) : Results.NotFound()).ExcludeFromDescription();
        return app;
    }

    static IResult Serve(HttpContext http, WebPageAssets.Asset asset)
    {
        var headers = http.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (http.Request.Headers.IfNoneMatch == asset.ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}
