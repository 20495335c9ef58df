using System.Text.Json;
using KooGate.Protocol.Signing;

namespace KooGate.Server.Produce.Pipeline;

/// <summary>
/// What differs between the production-interface families — where the request is, how it is routed, verified and
/// guarded against replay, which handler answers it and whether every reply is signed. The order of the steps is not
/// here: it is <see cref="ProducePipeline"/>'s, the same for every family.
/// </summary>
public abstract class ProduceFamily
{
    /// <summary>The largest body accepted; a larger one is refused unread.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>The default callback-log and metrics family.</summary>
    public abstract string Name { get; }

    /// <summary>GET families carry their fields in the query string, the others in a JSON body.</summary>
    public virtual bool HasBody => true;

    /// <summary>Kit V1 tolerates a trailing comma (the singleOrgSync doc example has one, saas-v1-and-joint.md §5.4).</summary>
    protected virtual bool AllowsTrailingCommas => false;

    /// <summary>V1 signs every reply, errors included (README decision 6); V2 only when configured.</summary>
    public virtual bool SignsEveryReply => false;

    /// <summary>Names the activity, the keys that may verify the call and its callback-log family.</summary>
    public abstract void Route(ProduceExchange call);

    /// <summary>Verifies the call with the family's scheme (repeated keys were refused before).</summary>
    public abstract SignatureCheck Verify(ProduceExchange call);

    /// <summary>Makes the verified body readable (<see cref="ProduceExchange.Document"/>, <see cref="ProduceExchange.IsTest"/>).</summary>
    public virtual ProduceResult? ReadFields(ProduceExchange call)
    {
        var document = call.Document ??= TryParse(call.Body!);
        if (document is not { RootElement.ValueKind: JsonValueKind.Object })
        {
            return ProduceResult.Invalid(document is null ? "body is not valid JSON" : "body must be a JSON object");
        }

        call.IsTest = IsTestFlag(document.RootElement);
        return null;
    }

    /// <summary><c>testFlag</c>: "1" (V2 basic) or 1 (Kit) is a debug call; absent, "0" or 0 is real.</summary>
    private static bool IsTestFlag(JsonElement root) =>
        root.TryGetProperty("testFlag", out var flag)
        && flag.ValueKind switch
        {
            JsonValueKind.String => flag.ValueEquals("1"),
            JsonValueKind.Number => flag.GetRawText() == "1",
            _ => false,
        };

    /// <summary>The replay guard: a fresh nonce (V2) or a <c>timeStamp</c> inside the window (V1). Null when it passes.</summary>
    public abstract ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call);

    /// <summary>Parses and validates the verified fields into the typed request; null when valid, else the answer.</summary>
    public virtual ProduceResult? BindRequest(ProduceExchange call) => null;

    /// <summary>Resolves only the handler registered for <see cref="ProduceExchange.Activity"/>, or null.</summary>
    public abstract object? ResolveHandler(ProduceExchange call, IServiceProvider services);

    /// <summary>The answer when no handler is registered for the activity.</summary>
    public abstract ProduceResult Unsupported(ProduceExchange call);

    public abstract Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken);

    /// <summary>The order line a create call is about, so that a call answered at its deadline can report it (000004).</summary>
    public virtual CallDeadline.CreateKey? CreateKey(ProduceExchange call) => null;

    /// <summary>What the callback log keeps of the request body.</summary>
    public virtual string? LoggedBody(ProduceExchange call) => call.Body is not { } body
        ? null
        : System.Text.Encoding.UTF8.GetString(body, 0, call.Check.IsValid ? body.Length : Math.Min(body.Length, CallbackRecorder.RefusedBodyLimit * 4));

    protected JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = AllowsTrailingCommas });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected static string? Lookup(IEnumerable<KeyValuePair<string, string?>> parameters, string name) =>
        parameters.FirstOrDefault(p => p.Key == name).Value;
}
