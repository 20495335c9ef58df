using System.Text.Json;

namespace KooGate.Conformance.Wire;

/// <summary>One request and what came back: status, content type, exact body bytes, <c>Body-Sign</c>, timing.</summary>
internal sealed class Exchange
{
    public required WireRequest Request { get; init; }

    /// <summary>Null when no HTTP answer arrived (see <see cref="TransportError"/>).</summary>
    public int? Status { get; init; }

    public string? MediaType { get; init; }

    public byte[] Body { get; init; } = [];

    public string? BodySign { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Timeout or unreachable address, already phrased for the report.</summary>
    public string? TransportError { get; init; }

    public bool TimedOut { get; init; }

    private JsonElement? _root;
    private bool _parsed;

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public JsonElement? Root
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    using var document = JsonDocument.Parse(Body);
                    _root = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
                }
                catch (JsonException)
                {
                    _root = null;
                }
            }

            return _root;
        }
    }

    public string? ResultCode => Text("resultCode");

    public string? ResultMsg => Text("resultMsg");

    /// <summary>A top-level string field (numbers are read as their literal).</summary>
    public string? Text(string name) =>
        Root is { } root && root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>How the answer reads in a report: <c>000001 token is invalid</c> or the transport problem.</summary>
    public string Summary =>
        TransportError ?? (Root is null ? $"HTTP {Status}, not a JSON object" : $"{ResultCode ?? "no resultCode"} {ResultMsg}".Trim());
}
