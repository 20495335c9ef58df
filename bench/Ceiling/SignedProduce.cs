using System.Collections.Concurrent;
using System.Text.Json;
using KooGate.Protocol;
using KooGate.Protocol.Signing;

namespace KooGate.Bench.Ceiling;

/// <summary>
/// <c>POST /produce-signed</c>: the ceiling plus exactly what any seller must do before its own work, so that a load
/// generator's checks can pass: verify the V2 signature with KooGate.Protocol, refuse a nonce seen before, and answer
/// 000000 with an instanceId (the businessId of a create, the queried id of a query). Nothing is stored.
/// </summary>
internal static class SignedProduce
{
    public static void Map(WebApplication app, string key)
    {
        var nonces = new NonceWindow(TimeSpan.FromSeconds(120));
        app.MapPost("/produce-signed", context => AnswerAsync(context, nonces, body =>
        {
            var query = context.Request.Query;
            var nonce = query[V2Signature.NonceParameter].ToString();
            return (nonce, V2Signature.Verify([key], query[V2Signature.SignatureParameter], query[V2Signature.TimestampParameter], nonce,
                body, DateTimeOffset.UtcNow));
        }));
        // Kit V2 syncs (x-sign over the payload itself, saas-v2.md §2.3).
        app.MapPost("/produce-signed/produceAPI/v2/{name}", context => AnswerAsync(context, nonces, body =>
        {
            var headers = context.Request.Headers;
            var nonce = headers[KitSignature.NonceHeader].ToString();
            return (nonce, KitSignature.Verify([key], headers[KitSignature.SignHeader], headers[KitSignature.TimestampHeader], nonce,
                body, DateTimeOffset.UtcNow));
        }));
    }

    private delegate (string Nonce, SignatureCheck Check) Verifier(ReadOnlySpan<byte> body);

    private static async Task AnswerAsync(HttpContext context, NonceWindow nonces, Verifier verify)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var (nonce, check) = verify(body.Span);
        var reply = !check.IsValid ? Reply(check.Code, null)
            : !nonces.TryAdd(nonce) ? Reply(ResultCode.InvalidParameter.WithMessage("nonce replayed"), null)
            : Reply(ResultCode.Success, InstanceIdOf(body.Span));
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength = reply.Length;
        await context.Response.Body.WriteAsync(reply, context.RequestAborted);
    }

    /// <summary>businessId of a newInstance (what a seller may use as its instanceId, saas-v2.md §1.7), else instanceId.</summary>
    private static string? InstanceIdOf(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        string? businessId = null;
        string? instanceId = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isBusiness = reader.ValueTextEquals("businessId"u8);
                    var isInstance = reader.ValueTextEquals("instanceId"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        businessId = isBusiness ? reader.GetString() : businessId;
                        instanceId = isInstance ? reader.GetString() : instanceId;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return businessId ?? instanceId;
    }

    private static byte[] Reply(ResultCode code, string? instanceId)
    {
        using var output = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("resultCode", code.Code);
            writer.WriteString("resultMsg", code.Message);
            if (instanceId is not null)
            {
                writer.WriteString("instanceId", instanceId);
            }

            writer.WriteEndObject();
        }

        return output.ToArray();
    }

    /// <summary>Nonces seen within the last one to two windows: two generations, the older dropped wholesale.</summary>
    private sealed class NonceWindow(TimeSpan window)
    {
        private readonly Lock _gate = new();
        private ConcurrentDictionary<string, byte> _current = new(StringComparer.Ordinal);
        private ConcurrentDictionary<string, byte> _previous = new(StringComparer.Ordinal);
        private long _rotateAt = Environment.TickCount64 + (long)window.TotalMilliseconds;

        public bool TryAdd(string nonce)
        {
            if (Environment.TickCount64 > Volatile.Read(ref _rotateAt))
            {
                lock (_gate)
                {
                    if (Environment.TickCount64 > _rotateAt)
                    {
                        _previous = _current;
                        _current = new(StringComparer.Ordinal);
                        Volatile.Write(ref _rotateAt, Environment.TickCount64 + (long)window.TotalMilliseconds);
                    }
                }
            }

            return !_previous.ContainsKey(nonce) && _current.TryAdd(nonce, 0);
        }
    }
}
