using System.Security.Cryptography;
using System.Text;
using KooGate.Client.Events;
using Microsoft.Extensions.Time.Testing;

namespace KooGate.Client.Tests.Events;

public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_763_000_000);

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"id":"evt-1","type":"instance.created","timestamp":"2025-11-13T02:13:20+00:00","data":{"instanceId":"i-1","productId":"P","skuCode":"S","quantity":20,
         "customerName":"客户","expireTime":"2026-11-13T00:00:00+00:00","orderId":"O","orderLineId":"O-1","order":null,"future":"kept"}}
        """);

    private static WebhookVerifier Verifier(DateTimeOffset? now = null) => new(Secret, new FakeTimeProvider(now ?? Now));

    private static Dictionary<string, string> Headers(string? signature = null, long? at = null, string id = "evt-1") => new()
    {
        ["Webhook-Id"] = id,
        ["webhook-timestamp"] = (at ?? Now.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature ?? WebhookSignature.Header([Secret], id, at ?? Now.ToUnixTimeSeconds(), Body),
    };

    [Fact]
    public void The_signature_is_the_Standard_Webhooks_HMAC_of_id_timestamp_and_body_under_the_decoded_secret()
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes("evt-1.1763000000."), .. Body]));
        Assert.Equal(expected, WebhookSignature.Header([Secret], "evt-1", 1_763_000_000, Body));
    }

    [Fact]
    public void A_genuine_delivery_becomes_a_typed_event_and_unknown_fields_stay_readable()
    {
        var received = Verifier().ConstructEvent(Headers(), Body);
        var created = Assert.IsType<WebhookEvent<InstanceCreated>>(received);
        Assert.Equal(("evt-1", "instance.created", "i-1", "S", 20m, "客户"), (created.Id, created.Type, created.Data.InstanceId, created.Data.SkuCode, created.Data.Quantity, created.Data.CustomerName));
        Assert.Null(created.Data.Order);
        Assert.Equal("kept", created.RawData.GetProperty("future").GetString());
    }

    [Fact]
    public void Each_problem_is_named_precisely()
    {
        Assert.Equal(WebhookFailure.MissingHeader, Failure(() => Verifier().ConstructEvent([], Body)));
        Assert.Equal(WebhookFailure.InvalidTimestamp, Failure(() => Verifier().ConstructEvent("evt-1", "soon", "v1,AAAA", Body)));
        Assert.Equal(WebhookFailure.TimestampOutsideTolerance, Failure(() => Verifier(Now.AddMinutes(6)).ConstructEvent(Headers(), Body)));
        Assert.Equal(WebhookFailure.TimestampOutsideTolerance, Failure(() => Verifier(Now.AddMinutes(-6)).ConstructEvent(Headers(), Body)));
        Assert.Equal(WebhookFailure.SignatureMismatch, Failure(() => Verifier().ConstructEvent(Headers(), [.. Body, (byte)' '])));
        Assert.Equal(WebhookFailure.SignatureMismatch, Failure(() => Verifier().ConstructEvent(Headers(id: "evt-2", signature: Headers()["webhook-signature"]), Body)));
        Assert.Equal(WebhookFailure.SignatureMismatch, Failure(() => new WebhookVerifier(WebhookSignature.NewSecret(), new FakeTimeProvider(Now)).ConstructEvent(Headers(), Body)));
        var notJson = "not json"u8.ToArray();
        Assert.Equal(WebhookFailure.InvalidPayload, Failure(() => Verifier().ConstructEvent(Headers(WebhookSignature.Header([Secret], "evt-1", Now.ToUnixTimeSeconds(), notJson)), notJson)));
    }

    [Fact]
    public void Within_the_tolerance_and_with_any_one_of_several_signatures_it_verifies()
    {
        Assert.IsType<WebhookEvent<InstanceCreated>>(Verifier(Now.AddMinutes(4)).ConstructEvent(Headers(), Body));
        var rotated = WebhookSignature.Header([WebhookSignature.NewSecret(), Secret], "evt-1", Now.ToUnixTimeSeconds(), Body);
        Assert.IsType<WebhookEvent<InstanceCreated>>(Verifier().ConstructEvent(Headers(rotated), Body));
        Assert.IsType<WebhookEvent<InstanceCreated>>(new WebhookVerifier([WebhookSignature.NewSecret(), Secret], new FakeTimeProvider(Now)).ConstructEvent(Headers(), Body));
    }

    [Fact]
    public void An_event_type_this_version_does_not_know_is_returned_raw()
    {
        var body = """{"id":"e","type":"instance.teleported","timestamp":"2025-11-13T02:13:20+00:00","data":{"instanceId":"i"}}"""u8.ToArray();
        var received = Verifier().ConstructEvent(Headers(WebhookSignature.Header([Secret], "evt-1", Now.ToUnixTimeSeconds(), body)), body);
        Assert.Equal("i", Assert.IsType<UnknownWebhookEvent>(received).RawData.GetProperty("instanceId").GetString());
    }

    [Fact]
    public void Secrets_must_be_whsec_base64()
    {
        Assert.True(WebhookSignature.IsWellFormed(Secret));
        Assert.True(WebhookSignature.IsWellFormed(WebhookSignature.NewSecret()));
        Assert.False(WebhookSignature.IsWellFormed("webhook-secret-0001"));
        Assert.False(WebhookSignature.IsWellFormed("whsec_c2hvcnQ="));
        Assert.Throws<FormatException>(() => new WebhookVerifier("whsec_!!!"));
    }

    private static WebhookFailure Failure(Action action) => Assert.Throws<WebhookVerificationException>(action).Failure;
}
