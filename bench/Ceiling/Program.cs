// The hardware ceiling for bench/run: the same Kestrel and minimal-API stack as KooGate, answering every POST with
// a constant production-interface reply. It reads the body as KooGate does, and does nothing else.
// With Ceiling:Key set (environment Ceiling__Key) it also serves /produce-signed, which verifies each call first.
using KooGate.Bench.Ceiling;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var reply = """{"resultCode":"000000","resultMsg":"success.","instanceId":"ceiling"}"""u8.ToArray();
app.MapPost("/produce", async context =>
{
    using var buffer = new MemoryStream();
    await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
    context.Response.ContentType = "application/json;charset=UTF-8";
    context.Response.ContentLength = reply.Length;
    await context.Response.Body.WriteAsync(reply, context.RequestAborted);
});
if (app.Configuration["Ceiling:Key"] is { Length: > 0 } key)
{
    SignedProduce.Map(app, key);
}

app.MapGet("/healthz", () => "ok");
await app.RunAsync();
