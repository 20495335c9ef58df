using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace KooGate.Client.Events;

/// <summary>
/// Turns a raw delivery (headers and the exact body bytes) into a verified, typed <see cref="WebhookEvent"/>, or throws
/// <see cref="WebhookVerificationException"/> saying precisely why not. Several secrets may be given while KooGate's
/// secret rotates. Keep one instance (it is thread-safe).
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>The tolerance the Standard Webhooks libraries use.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly byte[][] _keys;
    private readonly TimeProvider _time;
    private readonly TimeSpan _tolerance;

    /// <param name="secrets">The <c>whsec_</c> secrets configured in KooGate (old and new during a rotation).</param>
    /// <param name="time">The clock the timestamp is checked against (default: the system clock).</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way (default five minutes).</param>
    public WebhookVerifier(IEnumerable<string> secrets, TimeProvider? time = null, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _keys = [.. secrets.Select(WebhookSignature.DecodeSecret)];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("at least one webhook secret is needed", nameof(secrets));
        }

        _time = time ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
    }

    public WebhookVerifier(string secret, TimeProvider? time = null, TimeSpan? tolerance = null)
        : this([secret], time, tolerance)
    {
    }

    /// <summary>Verifies and reads a delivery; header names are matched case-insensitively.</summary>
    public WebhookEvent ConstructEvent(IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return ConstructEvent(map.GetValueOrDefault(WebhookSignature.IdHeader), map.GetValueOrDefault(WebhookSignature.TimestampHeader),
            map.GetValueOrDefault(WebhookSignature.SignatureHeader), body);
    }

    /// <summary>Verifies and reads a delivery from its three <c>webhook-*</c> header values.</summary>
    public WebhookEvent ConstructEvent(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            var missing = string.IsNullOrEmpty(webhookId) ? WebhookSignature.IdHeader
                : string.IsNullOrEmpty(webhookTimestamp) ? WebhookSignature.TimestampHeader : WebhookSignature.SignatureHeader;
            throw new WebhookVerificationException(WebhookFailure.MissingHeader, $"the {missing} header is missing");
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            throw new WebhookVerificationException(WebhookFailure.InvalidTimestamp, "webhook-timestamp is not Unix seconds");
        }

        var skew = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > _tolerance)
        {
            throw new WebhookVerificationException(WebhookFailure.TimestampOutsideTolerance,
                $"webhook-timestamp is {skew.Duration().TotalSeconds:0} s {(skew > TimeSpan.Zero ? "old" : "in the future")}, more than the {_tolerance.TotalSeconds:0} s tolerance");
        }

        if (!Matches(webhookId, seconds, webhookSignature, body))
        {
            throw new WebhookVerificationException(WebhookFailure.SignatureMismatch, "no webhook-signature matches a configured secret");
        }

        return Read(body);
    }

    private bool Matches(string id, long seconds, string header, ReadOnlySpan<byte> body)
    {
        var match = false;
        foreach (var key in _keys)
        {
            var expected = WebhookSignature.Compute(key, id, seconds, body);
            foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var comma = part.IndexOf(',', StringComparison.Ordinal);
                if (comma <= 0 || part[..comma] != "v1")
                {
                    continue;
                }

                var buffer = new byte[expected.Length + 3];
                if (Convert.TryFromBase64String(part[(comma + 1)..], buffer, out var length) && length == expected.Length)
                {
                    match |= CryptographicOperations.FixedTimeEquals(expected, buffer.AsSpan(0, length));
                }
            }
        }

        return match;
    }

    /// <summary>Reads a body already verified (or stored after verification) into its typed event.</summary>
    public static WebhookEvent Read(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString() ?? throw new JsonException("id is null");
            var type = root.GetProperty("type").GetString() ?? throw new JsonException("type is null");
            var timestamp = root.GetProperty("timestamp").GetDateTimeOffset();
            var data = root.GetProperty("data").Clone();
            if (!EventTypes.DataTypes.TryGetValue(type, out var dataType))
            {
                return new UnknownWebhookEvent { Id = id, Type = type, Timestamp = timestamp, RawData = data };
            }

            var typed = data.Deserialize(dataType, EventJson.Options) ?? throw new JsonException("data is null");
            var eventType = typeof(WebhookEvent<>).MakeGenericType(dataType);
            var result = (WebhookEvent)Activator.CreateInstance(eventType)!;
            eventType.GetProperty(nameof(WebhookEvent<>.Data))!.SetValue(result, typed);
            return result with { Id = id, Type = type, Timestamp = timestamp, RawData = data };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new WebhookVerificationException(WebhookFailure.InvalidPayload, "the body is not a KooGate event: " + e.Message, e);
        }
    }
}
