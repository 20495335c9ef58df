using System.Text;
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
    public static OutboundRequest Build(DeliveryJob delivery, Product product, Resource resource, DateTimeOffset transportNow)
    {
        if (delivery.Kit)
        {
            return product.KitVersion == KitVersion.V1 ? KitV1(delivery, product, transportNow) : Kit(delivery, product, transportNow);
        }

        if (delivery.Activity == Activities.OrderNotify)
        {
            // 通用接口: its own address (订单通知配置) and key, signed like V2 (license-order-openapi.md §D.1, §A.3).
            var notification = JsonNode.Parse(delivery.PayloadJson)!.AsObject();
            return Post(delivery.Activity, notification, product.OrderNotifyUrl ?? product.ProductionUrl, product.GeneralKey, transportNow);
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
            InterfaceVersion.LicenseCode => Post(activity, payload, product.ProductionUrl, product.LicenseKey, transportNow),
            _ => Post(activity, payload, product.ProductionUrl, product.BasicKey, transportNow),
        };
    }

    /// <summary>V2 basic, License-code 2.0 and orderNotify: POST JSON to the address with signature/timestamp/nonce in the query.</summary>
    private static OutboundRequest Post(string activity, JsonObject payload, string address, string? key, DateTimeOffset now) =>
        SignedCall.V2Basic(activity, address, payload.ToJsonString(), key, now);

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
    private static OutboundRequest Kit(DeliveryJob delivery, Product product, DateTimeOffset now)
    {
        var payload = JsonNode.Parse(delivery.PayloadJson)!.AsObject();
        payload["timeStamp"] = KooTime.ToChina17(now);
        return SignedCall.KitV2(delivery.Activity, product.ProductionUrl, payload.ToJsonString(), product.KitKey, now);
    }

    /// <summary>
    /// Kit V1: POST to address + /produceAPI/name with an <c>authToken</c> header over the non-blank top-level body
    /// fields, keyed with the V1 Key + the body's UTC+8 <c>timeStamp</c>; the reply must carry Body-Sign
    /// (saas-v1-and-joint.md §2.2, §2.3, §5).
    /// </summary>
    private static OutboundRequest KitV1(DeliveryJob delivery, Product product, DateTimeOffset now)
    {
        var payload = JsonNode.Parse(delivery.PayloadJson)!.AsObject();
        payload[AuthToken.TimeStampParameter] = KooTime.ToChina17(now);
        var body = payload.ToJsonString();
        var key = product.V1Key;
        List<KeyValuePair<string, string>> headers = [];
        if (key is not null && AuthToken.TryFlattenBody(Encoding.UTF8.GetBytes(body), out var fields))
        {
            headers.Add(new(AuthToken.ParameterName, AuthToken.Compute(key, fields, skipBlank: true)));
        }

        var url = new Uri(product.ProductionUrl.TrimEnd('/') + KitInterfaces.V1Path(delivery.Activity));
        return new OutboundRequest(delivery.Activity, HttpMethod.Post, url, headers, body, key, BodySignRequired: true);
    }

    /// <summary>The queryInstance the marketplace polls with after a create.</summary>
    public static JsonObject QueryPayload(InterfaceVersion version, Resource resource)
    {
        var instanceId = resource.InstanceId ?? string.Empty;
        var testFlag = resource.Test ? TestFlags.Debug : null;
        var json = version == InterfaceVersion.SaasV1
            ? KooJson.Serialize(new V1QueryInstanceRequest { InstanceId = instanceId, TestFlag = testFlag })
            : KooJson.Serialize(new QueryInstanceRequest { InstanceId = instanceId, TestFlag = testFlag });
        return JsonNode.Parse(json)!.AsObject();
    }
}
