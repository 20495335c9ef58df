using System.Net;

namespace KooGate.Server.KitLogin;

/// <summary>The two pages a user may see from KooGate: the hand-off to the seller's app and a refusal.</summary>
internal static class KitLoginPages
{
    /// <summary>
    /// Posts the signed identity to the app (like OpenID Connect's form_post), so it never appears in a URL, a log or
    /// the browser history. The button is the fallback without JavaScript.
    /// </summary>
    public static IResult HandOff(string callbackUrl, string identity, string? returnPath)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Signing in…</title></head>
            <body onload="document.forms[0].submit()">
            <form method="post" action="{{Encode(callbackUrl)}}">
            <input type="hidden" name="id_token" value="{{Encode(identity)}}">
            {{(returnPath is null ? string.Empty : $"<input type=\"hidden\" name=\"return_path\" value=\"{Encode(returnPath)}\">")}}
            <noscript><button type="submit">Continue</button></noscript>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static IResult Refused(string reason, int statusCode = StatusCodes.Status403Forbidden)
    {
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
            <body><main>
            <h1>Sign-in refused</h1>
            <p id="reason">{Encode(reason)}</p>
            <p>Ask your enterprise administrator to grant you access to this application in KooGallery.</p>
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
