using System.Text.Json;
using System.Text.Json.Nodes;
using KooGate.Emulator.Data;
using KooGate.Protocol;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Signing;

namespace KooGate.Emulator.Delivery;

/// <summary>
/// Signs one attempt of a delivery exactly as KooGallery does for the product's interface version. The payload was
/// serialised from the Protocol message records when the delivery was planned; each attempt gets a fresh
/// <c>businessId</c> (create), <c>timeStamp</c> (V1, Kit), nonce and signature timestamp.
/// </summary>
public static class CallBuilder
{
    public static OutboundRequest Build(Data.Delivery delivery, Product product, Resource resource, DateTimeOffset transportNow)
    {
        if (delivery.Kit)
        {
            return Kit(delivery, product, transportNow);
        }

        var (activity, payload) = delivery.State == DeliveryState.Polling
            ? (Activities.QueryInstance, QueryPayload(product.InterfaceVersion, resource))
            : (delivery.Activity, JsonNode.Parse(delivery.PayloadJson)!.AsObject());
        if (payload.ContainsKey("businessId"))
        {
            // saas-v2.md §1.7: businessId differs on every request, retries included.
            payload["businessId"] = Guid.NewGuid().ToString();
        }

        return product.InterfaceVersion switch
        {
            InterfaceVersion.SaasV1 or InterfaceVersion.LicenseLegacy => Get(activity, payload, product, transportNow),
            InterfaceVersion.LicenseCode => Post(activity, payload, product, product.LicenseKey, transportNow),
            _ => Post(activity, payload, product, product.BasicKey, transportNow),
        };
    }

    private static OutboundRequest Post(string activity, JsonObject payload, Product product, string? key, DateTimeOffset now) =>
        SignedCall.V2Basic(activity, product.ProductionUrl, payload.ToJsonString(), key, now);

    /// <summary>SaaS V1 and legacy License: GET with every value in the query and an authToken over them (decision 5).</summary>
    private static OutboundRequest Get(string activity, JsonObject payload, Product product, DateTimeOffset now)
    {
        payload.Remove(AuthToken.ParameterName);
        payload[AuthToken.TimeStampParameter] = KooTime.ToUtc17(now);
        var parameters = payload
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.GetValueKind() == JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString()))
            .ToList();
        var key = product.V1Key;
        var token = key is null ? string.Empty : AuthToken.Compute(key, parameters);
        parameters.Add(new(AuthToken.ParameterName, token));
        var url = SignedCall.AppendQuery(product.ProductionUrl, Protocol.Signing.QueryString.Build(parameters));
        return new OutboundRequest(activity, HttpMethod.Get, url, [new("Accept", "application/json")], null, key, BodySignRequired: true);
    }

    /// <summary>Kit V2: the payload's <c>timeStamp</c> is the call's own (UTC+8), then it is signed like any V2 Kit call.</summary>
    private static OutboundRequest Kit(Data.Delivery delivery, Product product, DateTimeOffset now)
    {
        var payload = JsonNode.Parse(delivery.PayloadJson)!.AsObject();
        payload["timeStamp"] = KooTime.ToChina17(now);
        return SignedCall.KitV2(delivery.Activity, product.ProductionUrl, payload.ToJsonString(), product.KitKey, now);
    }

    private static JsonObject QueryPayload(InterfaceVersion version, Resource resource)
    {
        var instanceId = resource.InstanceId ?? string.Empty;
        var testFlag = resource.Test ? TestFlags.Debug : null;
        var json = version == InterfaceVersion.SaasV1
            ? KooJson.Serialize(new V1QueryInstanceRequest { InstanceId = instanceId, TestFlag = testFlag })
            : KooJson.Serialize(new QueryInstanceRequest { InstanceId = instanceId, TestFlag = testFlag });
        return JsonNode.Parse(json)!.AsObject();
    }
}
