using System.Text;
using Microsoft.Net.Http.Headers;

namespace KooGate.Server.Admin;

/// <summary>
/// Malformed requests to the dashboard and the admin API get a clear 4xx, never a 500: a Content-Type that does not
/// parse or names an unknown charset (<c>charset=utf8</c>) is 415; a dashboard POST must be a form that reads (413
/// over the form limits, 400 when truncated or broken), so the antiforgery check and the endpoints see a good form.
/// </summary>
internal static class AdminRequestGuard
{
    /// <summary>Dashboard forms are a few fields; a larger body is refused before it is read.</summary>
    private const long MaxFormBytes = 1024 * 1024;

    public static IApplicationBuilder UseAdminRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var dashboard = path.StartsWithSegments(Dashboard.DashboardEndpoints.Prefix, StringComparison.OrdinalIgnoreCase);
        if (!dashboard && !path.StartsWithSegments(AdminApi.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var problem = UnreadableContentType(context.Request)
                      ?? (dashboard && HttpMethods.IsPost(context.Request.Method) ? await UnreadableFormAsync(context.Request) : null);
        if (problem is { } refused)
        {
            await Results.Problem(statusCode: refused.Status, title: refused.Title).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Results.Problem(statusCode: e.StatusCode, title: "malformed request", detail: e.Message).ExecuteAsync(context);
        }
    });

    private static (int Status, string Title)? UnreadableContentType(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return null;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return (StatusCodes.Status415UnsupportedMediaType, "the Content-Type header does not parse");
        }

        if (mediaType.Charset.HasValue && !IsKnownCharset(mediaType.Charset.Value!))
        {
            return (StatusCodes.Status415UnsupportedMediaType, $"unknown charset '{mediaType.Charset.Value}': send UTF-8 (charset=utf-8)");
        }

        return null;
    }

    private static bool IsKnownCharset(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<(int Status, string Title)?> UnreadableFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return (StatusCodes.Status415UnsupportedMediaType, "dashboard forms are posted as application/x-www-form-urlencoded");
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return null;
        }
        catch (InvalidDataException)
        {
            return (StatusCodes.Status413PayloadTooLarge, "the form is larger than allowed");
        }
        catch (BadHttpRequestException e)
        {
            return (e.StatusCode, "the form could not be read");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or DecoderFallbackException)
        {
            return (StatusCodes.Status400BadRequest, "the form could not be read");
        }
    }
}
