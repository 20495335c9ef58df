using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Protocol.Signing;
using KooGate.Server.Configuration;
using Microsoft.Extensions.Options;

namespace KooGate.Server.Produce.KitV1;

/// <summary>
/// Joint Kit V1: <c>POST {production path}/produceAPI/{name}</c> with the <c>authToken</c> header over the body fields
/// (README decision 5; saas-v1-and-joint.md §2.2, §5). After verification with the V1 Key the call goes to the same
/// handlers — and the same tables — as Kit V2; the reply carries <c>Body-Sign</c> (V1 Key), errors included.
/// </summary>
public sealed class KitV1Endpoint(
    InterfaceKeys keys,
    IEnumerable<IKitHandler> handlers,
    CallbackRecorder recorder,
    CallDeadline deadline,
    IOptions<KooGateOptions> options,
    TimeProvider time,
    ILogger<KitV1Endpoint> logger)
{
    public const string TokenHeader = "authToken";

    /// <summary>V1 names that differ from V2: allOrgSync sends the department list as <c>orgInfo</c> (§5.5).</summary>
    private static readonly Dictionary<string, string> V2Names = new(StringComparer.Ordinal) { ["orgInfo"] = "orgInfoList" };

    public async Task HandleAsync(HttpContext context, string name)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await PostEndpoint.ReadBodyAsync(context);
        var v1Keys = keys.For(InterfaceType.V1);
        var check = body is null
            ? SignatureCheck.Fail(SignatureVerdict.BadSignature)
            : AuthToken.VerifyKitBody(v1Keys, context.Request.Headers[TokenHeader].ToString(), body);
        var handler = handlers.FirstOrDefault(h => h.Name == name);
        var now = time.GetUtcNow();
        var key = v1Keys.Count > 0 ? v1Keys[Math.Max(check.KeyIndex, 0)] : null;
        var root = check.IsValid ? ParseObject(body!) : null;
        var isTest = root?["testFlag"]?.ToString() == "1";

        ProduceResult result;
        Task? late = null;
        JsonDocument? document = null;
        if (!check.IsValid)
        {
            result = new ProduceResult(check.Code);
        }
        else if (root is null)
        {
            result = ProduceResult.Invalid("body must be a JSON object");
        }
        else if (V1Timestamp.Problem(root["timeStamp"]?.ToString(), chinaTime: true, now, options.Value.V1.TimestampWindowSeconds) is { } problem)
        {
            result = ProduceResult.Invalid(problem);
        }
        else if (handler is null)
        {
            result = ProduceResult.Invalid($"Kit interface {name} is not supported");
        }
        else
        {
            document = JsonDocument.Parse(ToV2Names(root).ToJsonString());
            var fields = new RequestFields(document.RootElement);
            (result, late) = await V1Responder.RunAsync(deadline, token => handler.HandleAsync(new ProduceCall(name, fields, isTest, now), token), logger, context.RequestAborted);
        }

        var requestBody = body is null ? null : Encoding.UTF8.GetString(body);
        await V1Responder.RespondAsync(context, recorder, time, result, key, check, "kit-v1", name, requestBody, isTest, started, late);
        document?.Dispose();
    }

    private static JsonObject? ParseObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // A repeated key never gets here: the token check refuses it (README decision 13).
            var root = new JsonObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                root[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }

            return root;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonObject ToV2Names(JsonObject root)
    {
        foreach (var (v1, v2) in V2Names)
        {
            if (root.ContainsKey(v1) && !root.ContainsKey(v2))
            {
                var value = root[v1];
                root.Remove(v1);
                root[v2] = value;
            }
        }

        return root;
    }
}
