using System.Text.Json;

namespace KooGate.Emulator.Api;

/// <summary>Refusals become <c>{"error": …}</c> with their status; malformed JSON is a 400, never a 500.</summary>
public static class ErrorHandling
{
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Status, e.Message, e.Reason);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, 400, e.InnerException is JsonException json ? $"malformed JSON: {json.Message}" : e.Message);
        }
    });

    private static Task WriteAsync(HttpContext context, int status, string message, string? reason = null)
    {
        context.Response.StatusCode = status;
        return reason is null
            ? context.Response.WriteAsJsonAsync(new { error = message })
            : context.Response.WriteAsJsonAsync(new { error = message, reason });
    }
}
