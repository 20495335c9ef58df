using System.Text.Json;
using System.Text.Json.Serialization;

namespace KooGate.Client.Events;

/// <summary>
/// One delivery from KooGate: <c>{"id", "type", "timestamp", "data"}</c>. Read it with
/// <see cref="WebhookEvents.ConstructEvent(IEnumerable{KeyValuePair{string, string}}, ReadOnlySpan{byte}, WebhookSecrets, TimeProvider?, TimeSpan?)"/>
/// and switch on the typed form, for example <c>case WebhookEvent&lt;InstanceCreated&gt; created:</c>.
/// </summary>
public abstract record WebhookEvent
{
    /// <summary>Stable across delivery attempts (also the <c>webhook-id</c> header): deduplicate on it.</summary>
    public required string Id { get; init; }

    public required string Type { get; init; }

    /// <summary>When KooGate recorded the change.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The <c>data</c> object as received, for fields this version of the library does not know.</summary>
    [JsonIgnore]
    public JsonElement RawData { get; init; }
}

/// <summary>An event whose <c>data</c> is read into <typeparamref name="TData"/>.</summary>
public sealed record WebhookEvent<TData> : WebhookEvent
    where TData : class
{
    public required TData Data { get; init; }
}

/// <summary>An event of a type this version of the library does not know; its data stays raw.</summary>
public sealed record UnknownWebhookEvent : WebhookEvent;

/// <summary>The JSON form of the events: camelCase names, ISO 8601 times, nulls written out.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
}
