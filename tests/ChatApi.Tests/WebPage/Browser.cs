using ChatApi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ChatApi.Tests.WebPage;

/// <summary>Debian's Chromium, driven headless by Playwright (whose own browser download cannot work offline).</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    readonly IPlaywright _playwright;

    Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            ExternalRequirement.Missing($"Chromium is not installed at {ChromiumPath} (apt-get install chromium).");

        // Generous: on a loaded 2-core machine a save or a page can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh page (its own sessionStorage) at <paramref name="url"/>, once the page's script has rendered.</summary>
    public async Task<IPage> OpenAsync(Uri url, int width = 1280, int height = 800)
    {
        var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(30_000);
        await GoAsync(page, url);
        return page;
    }

    public static async Task GoAsync(IPage page, Uri url)
    {
        await page.GotoAsync(url.ToString());
        await page.WaitForSelectorAsync("body[data-ready]");
    }

    /// <summary>
    /// After a click or a key that navigates: the address bar shows the new URL, then the new page sets its ready mark.
    /// The URL is polled rather than waited for with WaitForURLAsync, which under the full suite's load sometimes waited
    /// out its 30 s on a URL that already matched (its load-state wait missed the event).
    /// </summary>
    public static async Task NavigatedAsync(IPage page, System.Text.RegularExpressions.Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url);
        await page.WaitForSelectorAsync("body[data-ready]");
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
