using System.Net.Http.Headers;
using System.Text;
using KooGate.Protocol.Signing;

namespace KooGate.Protocol.Tests.Signing;

public class ApigSignerTests
{
    private static readonly KeyValuePair<string, string>[] JsonHeaders = [new("Content-Type", "application/json")];

    [Fact] // license-order-openapi.md §E.3, Huawei's official API signing guide example
    public void Huawei_guide_example_matches()
    {
        var url = new Uri("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
        var result = ApigSigner.Sign("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "GET", url, "20191115T033655Z", JsonHeaders, []);
        Assert.Equal("""
            GET
            /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
            limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
            content-type:application/json
            host:service.region.example.com
            x-sdk-date:20191115T033655Z

            content-type;host;x-sdk-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """.ReplaceLineEndings("\n"), result.CanonicalRequest);
        Assert.Equal("SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a", result.StringToSign);
        Assert.Equal("SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe", result.Authorization);
    }

    [Fact] // license-order-openapi.md §E.3, the Ruby gem's marketplace vector (x-stage signed too)
    public void Marketplace_activate_vector_with_x_stage_matches()
    {
        var url = new Uri("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/license/activate");
        KeyValuePair<string, string>[] headers = [new("x-stage", "RELEASE"), new("Content-Type", "application/json")];
        var result = ApigSigner.Sign("test", "123", "POST", url, "20240317T144237Z", headers, []);
        Assert.Equal("9a33b07351104f6c775075faa7dc0db58ec18bc532feaa8fd0b8fcf7990b1a9e", result.StringToSign.Split('\n')[2]);
        Assert.Equal("77595ad624b6e4e49990b8c4e84bf1c287457fca61069c4e60b9b6765b52053d", result.Signature);
    }

    [Fact] // license-order-openapi.md §E.3 self-computed
    public void Query_order_vector_matches()
    {
        var url = new Uri("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKPERIODYEARNEW&orderLineId=MOCKPERIODYEARNEW-000001");
        Assert.Equal("df37ba3315950b108c9be5a4933a5fc864d004b012050c179dc3d22a78c99301",
            ApigSigner.Sign("test", "123", "GET", url, "20240317T144237Z", JsonHeaders, []).Signature);
    }

    [Fact] // license-order-openapi.md §E.3 self-computed
    public void Activate_with_body_vector_matches()
    {
        var url = new Uri("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/license/activate");
        var body = Encoding.UTF8.GetBytes("""{"license":"PLXXXXXX"}""");
        var result = ApigSigner.Sign("test", "123", "POST", url, "20240317T144237Z", JsonHeaders, body);
        Assert.EndsWith("3e414c5e8434e4efeb16b0ab2d599390f9d7d358f943193cf068fe17b865ace3", result.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("721d4451908cd70cf6bf4e592a4322f7ef3a8b484e61e08e19beefec1e83cff1", result.Signature);
    }

    [Fact]
    public void Canonical_uri_and_query_are_rfc3986_encoded_and_sorted()
    {
        var url = new Uri("https://h/a%20b/c~d?z=1&a=x%2By&a=b&e=%E5%BC%A0");
        Assert.Equal("/a%20b/c~d/", ApigSigner.CanonicalUri(url));
        Assert.Equal("a=b&a=x%2By&e=%E5%BC%A0&z=1", ApigSigner.CanonicalQuery(url));
        Assert.Equal("h:8443", ApigSigner.HostHeader(new Uri("https://h:8443/x")));
        Assert.Equal("h", ApigSigner.HostHeader(new Uri("https://h:443/x")));
    }

    [Fact]
    public async Task Signed_http_request_verifies_and_tampering_is_detected()
    {
        var now = new DateTimeOffset(2024, 3, 17, 14, 42, 37, TimeSpan.Zero);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://127.0.0.1:5001/api/mkp-openapi-public/global/v1/license/activate")
        {
            Content = new StringContent("""{"license":"PL1"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        await ApigSigningHandler.SignAsync(request, new ApigCredentials("ak1", "sk1"), now);
        var headers = request.Headers.Concat(request.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        headers["Host"] = request.Headers.Host!;
        var authorization = headers["Authorization"];
        var body = await request.Content.ReadAsByteArrayAsync();
        static string? Secret(string ak) => ak == "ak1" ? "sk1" : null;

        Assert.Equal(ApigVerdict.Valid, ApigSigner.Verify(Secret, "POST", request.RequestUri!, authorization, headers, body, now.AddMinutes(1)));
        Assert.Equal(ApigVerdict.BadSignature, ApigSigner.Verify(Secret, "POST", request.RequestUri!, authorization, headers, Encoding.UTF8.GetBytes("""{"license":"PL2"}"""), now));
        Assert.Equal(ApigVerdict.BadSignature, ApigSigner.Verify(Secret, "GET", request.RequestUri!, authorization, headers, body, now));
        Assert.Equal(ApigVerdict.Expired, ApigSigner.Verify(Secret, "POST", request.RequestUri!, authorization, headers, body, now.AddMinutes(16)));
        Assert.Equal(ApigVerdict.UnknownAccessKey, ApigSigner.Verify(_ => null, "POST", request.RequestUri!, authorization, headers, body, now));
        Assert.Equal(ApigVerdict.MalformedAuthorization, ApigSigner.Verify(Secret, "POST", request.RequestUri!, "Bearer x", headers, body, now));
    }
}
