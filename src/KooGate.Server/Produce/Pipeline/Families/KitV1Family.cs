using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.Pipeline.Families;

/// <summary>
/// Joint Kit V1: <c>POST {production path}/produceAPI/{name}</c> with the <c>authToken</c> header over the body fields
/// (README decision 5; saas-v1-and-joint.md §2.2, §5). After verification with the V1 Key the call goes to the same
/// handlers — and the same tables — as Kit V2; the reply carries <c>Body-Sign</c> (V1 Key), errors included.
/// </summary>
public sealed class KitV1Family(InterfaceKeys keys, KitRoutes routes, IOptions<KooGateOptions> options) : ProduceFamily
{
    public const string TokenHeader = "authToken";

    /// <summary>V1 names that differ from V2: allOrgSync sends the department list as <c>orgInfo</c> (§5.5).</summary>
    private static readonly Dictionary<string, string> V2Names = new(StringComparer.Ordinal) { ["orgInfo"] = "orgInfoList" };

    public override string Name => "kit-v1";

    public override bool SignsEveryReply => true;

    protected override bool AllowsTrailingCommas => true;

    public override void Route(ProduceExchange call)
    {
        call.Activity = call.PathName;
        call.KeyType = InterfaceType.V1;
        call.Keys = keys.For(InterfaceType.V1);
    }

    public override SignatureCheck Verify(ProduceExchange call) =>
        AuthToken.VerifyKitBody(call.Keys, call.Http.Request.Headers[TokenHeader].ToString(), call.Payload!);

    public override ProduceResult? ReadFields(ProduceExchange call)
    {
        if (base.ReadFields(call) is { } refused)
        {
            return refused;
        }

        var root = call.Document!.RootElement;
        if (V2Names.Keys.Any(v1 => root.TryGetProperty(v1, out _)))
        {
            call.Document = ToV2Names(call.Document);
        }

        return null;
    }

    /// <summary>V1 has no nonce: the UTC+8 <c>timeStamp</c> of the body must be inside the window (README decision 8).</summary>
    public override ValueTask<ProduceResult?> CheckReplayAsync(ProduceExchange call) =>
        ValueTask.FromResult(V1Timestamp.Problem(Text(call.Document!.RootElement, AuthToken.TimeStampParameter), chinaTime: true, call.Now,
            options.Value.V1.TimestampWindowSeconds) is { } problem ? ProduceResult.Invalid(problem) : null);

    public override ProduceResult? BindRequest(ProduceExchange call) => routes.Bind(call);

    public override object? ResolveHandler(ProduceExchange call, IServiceProvider services) => routes.Resolve(call, services);

    public override ProduceResult Unsupported(ProduceExchange call) => KitRoutes.Unsupported(call);

    public override Task<ProduceResult> HandleAsync(ProduceExchange call, CancellationToken cancellationToken) =>
        routes.HandleAsync(call, cancellationToken);

    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.GetRawText();

    /// <summary>The body with its V1-only names replaced by the V2 ones the handlers read (a repeated key never gets here).</summary>
    private static JsonDocument ToV2Names(JsonDocument document)
    {
        var root = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        document.Dispose();
        foreach (var (v1, v2) in V2Names)
        {
            if (root.ContainsKey(v1) && !root.ContainsKey(v2))
            {
                var value = root[v1];
                root.Remove(v1);
                root[v2] = value;
            }
        }

        return JsonDocument.Parse(root.ToJsonString());
    }
}
