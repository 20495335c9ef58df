using System.Text.Json;
using KooGate.Protocol.Signing;

namespace KooGate.Bench.Reference;

/// <summary>One verified (or refused) call and the fields of its body, read once with a forward-only reader.</summary>
internal sealed record Call(SignatureCheck Check, string Nonce, string Query, byte[] Body, DateTimeOffset At)
{
    public string? Activity { get; private init; }
    public string? OrderId { get; private init; }
    public string? OrderLineId { get; private init; }
    public string? BusinessId { get; private init; }
    public string? InstanceId { get; private init; }
    public bool IsTest { get; private init; }

    public Call Parsed()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(Body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                    {
                        fields[name] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return this;
        }

        return this with
        {
            Activity = fields.GetValueOrDefault("activity"),
            OrderId = fields.GetValueOrDefault("orderId"),
            OrderLineId = fields.GetValueOrDefault("orderLineId"),
            BusinessId = fields.GetValueOrDefault("businessId"),
            InstanceId = fields.GetValueOrDefault("instanceId"),
            IsTest = fields.GetValueOrDefault("testFlag") == "1",
        };
    }
}
