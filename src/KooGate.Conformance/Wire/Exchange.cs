using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KooGate.Protocol.Messages;

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

    private readonly Dictionary<Type, (object? Reply, string? Problem)> _replies = [];
    private bool? _isJsonObject;

    /// <summary>Whether the body is a JSON object: anything else cannot be a reply.</summary>
    public bool IsJsonObject => _isJsonObject ??= ParsesAsObject(Body);

    /// <summary>
    /// The envelope every reply has, read through <see cref="ProduceResponse"/>; null when the body is not a JSON
    /// object or <c>resultCode</c>/<c>resultMsg</c> has a JSON type a String cannot be read from (see <see cref="EnvelopeProblem"/>).
    /// </summary>
    public ProduceResponse? Envelope => TryRead<ProduceResponse>(out var envelope, out _) ? envelope : null;

    /// <summary>Why <see cref="Envelope"/> is null when the body is a JSON object.</summary>
    public string? EnvelopeProblem => TryRead<ProduceResponse>(out _, out var problem) ? null : problem;

    /// <summary>The result code, null when absent or empty.</summary>
    public string? ResultCode => Envelope?.ResultCode is { Length: > 0 } code ? code : null;

    public string? ResultMsg => Envelope?.ResultMsg;

    /// <summary>The reply read through its Protocol record (once per record type); see <see cref="ReplyReader"/>.</summary>
    public bool TryRead<TResponse>([NotNullWhen(true)] out TResponse? reply, [NotNullWhen(false)] out string? problem)
        where TResponse : class, IProduceResponse
    {
        if (!_replies.TryGetValue(typeof(TResponse), out var read))
        {
            read = !IsJsonObject ? (null, "the body is not a JSON object")
                : ReplyReader.TryRead<TResponse>(Body, out var typed, out var typeProblem) ? (typed, null)
                : (null, typeProblem);
            _replies[typeof(TResponse)] = read;
        }

        if (read.Reply is TResponse typedReply)
        {
            (reply, problem) = (typedReply, null);
            return true;
        }

        (reply, problem) = (null, read.Problem ?? "the body does not fit the reply record");
        return false;
    }

    private static bool ParsesAsObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>How the answer reads in a report: <c>000001 token is invalid</c> or the transport problem.</summary>
    public string Summary =>
        TransportError ?? (!IsJsonObject ? $"HTTP {Status}, not a JSON object" : $"{ResultCode ?? "no resultCode"} {ResultMsg}".Trim());
}
