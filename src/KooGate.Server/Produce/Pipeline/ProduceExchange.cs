using System.Diagnostics;
using System.Text.Json;
using KooGate.Protocol.Json;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;

namespace KooGate.Server.Produce.Pipeline;

/// <summary>
/// One production-interface call as it passes through <see cref="ProducePipeline"/>: what was received, what each step
/// learned, and the answer. A step that refuses the call sets <see cref="Result"/> (an error is a value, never an
/// exception); the remaining checks are then skipped and only the reply steps run.
/// </summary>
public sealed class ProduceExchange(HttpContext http, ProduceFamily family, string? route, DateTimeOffset now) : IDisposable
{
    public HttpContext Http { get; } = http;

    public ProduceFamily Family { get; } = family;

    /// <summary>The route value of the path (the Kit interface name), or null when the body names the activity.</summary>
    public string? PathName { get; } = route;

    public long Started { get; } = Stopwatch.GetTimestamp();

    /// <summary>The injected clock's time when the call arrived; every check and the handler use it.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The raw body, read once and never re-serialised before verification; null when too large or absent.</summary>
    public byte[]? Body { get; set; }

    /// <summary>
    /// The body (or a GET call's query) scanned once for repeated keys and undecodable strings; the verifiers take it
    /// and do not scan again. Null when there is no body to scan (too large).
    /// </summary>
    public ScannedPayload? Payload { get; set; }

    /// <summary>The URL-decoded query parameters of a GET call.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; set; } = [];

    /// <summary>The body parsed once; every later reader (routing, handler, deadline, log) shares it.</summary>
    public JsonDocument? Document { get; set; }

    /// <summary>The activity or Kit interface name that selects the handler.</summary>
    public string? Activity { get; set; }

    /// <summary>The callback-log and metrics family (saas-v2, license-code, kit-v1, …).</summary>
    public string LogFamily { get; set; } = family.Name;

    /// <summary>The keys that may verify this call, current first.</summary>
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>The key type whose nonce space this call's nonce belongs to.</summary>
    public InterfaceType KeyType { get; set; }

    public SignatureCheck Check { get; set; } = SignatureCheck.Fail(SignatureVerdict.BadSignature);

    /// <summary>A verified debug call (<c>testFlag=1</c>).</summary>
    public bool IsTest { get; set; }

    /// <summary>The typed, validated request (a <c>KooGate.Protocol</c> message) the handler takes.</summary>
    public object? Request { get; set; }

    /// <summary>The one handler resolved for this call.</summary>
    public object? Handler { get; set; }

    /// <summary>The answer; once set, the remaining checks are skipped.</summary>
    public ProduceResult? Result { get; private set; }

    /// <summary>Work still running after the call was answered at its deadline; awaited once the reply is sent.</summary>
    public Task? Late { get; set; }

    public bool IsAnswered => Result is not null;

    /// <summary>Answers the call (first answer wins).</summary>
    public void Answer(ProduceResult result) => Result ??= result;

    public void Dispose() => Document?.Dispose();
}
