// The same durable job as KooGate's signed V2 newInstance and queryInstance, in as little code as the stack allows:
// bench/run measures it next to KooGate as the honest limit for a durable call (docs/benchmarks.md). V2 signature
// over the raw body (KooGate.Protocol), ±60 s window, nonce recorded durably, idempotent create on the order line,
// one callback-log row per call, every row committed (SQLite WAL) before the answer, Body-Sign on the reply.
using KooGate.Bench.Reference;
using KooGate.Protocol.Signing;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var key = builder.Configuration["Reference:Key"] is { Length: > 0 } configured
    ? configured
    : throw new InvalidOperationException("Reference:Key (environment Reference__Key) is required");
await using var store = Store.Open(
    builder.Configuration["Reference:Database"] ?? "reference.db", builder.Configuration["Reference:Synchronous"] ?? "NORMAL");
var app = builder.Build();

app.MapPost("/produce", async context =>
{
    using var buffer = new MemoryStream();
    await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
    var body = buffer.ToArray();
    var query = context.Request.Query;
    var now = DateTimeOffset.UtcNow;
    var check = V2Signature.Verify([key], query[V2Signature.SignatureParameter], query[V2Signature.TimestampParameter],
        query[V2Signature.NonceParameter], body, now);
    var reply = await store.RunAsync(new Call(check, query[V2Signature.NonceParameter].ToString(),
        context.Request.QueryString.Value ?? "", body, now));
    context.Response.ContentType = "application/json;charset=UTF-8";
    context.Response.Headers[BodySign.HeaderName] = BodySign.HeaderValue(key, reply);
    context.Response.ContentLength = reply.Length;
    await context.Response.Body.WriteAsync(reply, context.RequestAborted);
});
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
