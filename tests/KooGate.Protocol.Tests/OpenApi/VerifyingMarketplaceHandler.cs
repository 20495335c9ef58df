using System.Net;
using System.Text;
using KooGate.Protocol.Signing;

namespace KooGate.Protocol.Tests.OpenApi;

internal sealed record RecordedRequest(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
}

internal sealed record CannedResponse(HttpStatusCode Status, string Body, string ContentType = "application/json")
{
    public static CannedResponse Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status, body);
}

/// <summary>
/// Plays the marketplace gateway: verifies the APIG signature (and, on the usage path, the usage-push signature)
/// exactly as the emulator would, answering <c>APIGW.0301</c> / <c>MKT.0102</c> like the real one when they fail;
/// otherwise records the request and returns the canned response.
/// </summary>
internal sealed class VerifyingMarketplaceHandler(TimeProvider time) : HttpMessageHandler
{
    public const string AccessKey = "TESTAKEXAMPLE0001";
    public const string SecretKey = "test-secret-key-with-some-length";
    public const string UsageAccessKey = "usage-interface-access-key";

    public List<RecordedRequest> Requests { get; } = [];

    public Func<RecordedRequest, CannedResponse> Respond { get; set; } =
        _ => CannedResponse.Json("""{"error_code":"MKT.0000","error_msg":"success"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(", ", values);
            }
        }

        var url = request.RequestUri!;
        headers.TryGetValue("Authorization", out var authorization);
        var verdict = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.Method.Method, url, authorization, headers, body, time.GetUtcNow());
        if (verdict != ApigVerdict.Valid)
        {
            return Reply(new CannedResponse(HttpStatusCode.Unauthorized,
                $$"""{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: {{verdict}}","request_id":"r-1"}"""));
        }

        if (url.AbsolutePath.EndsWith("/isv/usage-data", StringComparison.Ordinal))
        {
            var check = UsagePushSignature.Verify(
                [UsageAccessKey], Header(headers, "signature"), Header(headers, "ts"), Header(headers, "nonce"), body,
                time.GetUtcNow(), TimeSpan.FromMinutes(5));
            if (!check.IsValid)
            {
                return Reply(CannedResponse.Json($$"""{"error_code":"MKT.0102","error_msg":"Invalid body sign: {{check.Verdict}}"}""", HttpStatusCode.BadRequest));
            }
        }

        var recorded = new RecordedRequest(request.Method, url, headers, body);
        Requests.Add(recorded);
        return Reply(Respond(recorded));
    }

    private static string? Header(Dictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : null;

    private static HttpResponseMessage Reply(CannedResponse canned) => new(canned.Status)
    {
        Content = new ByteArrayContent(Encoding.UTF8.GetBytes(canned.Body))
        {
            Headers = { { "Content-Type", canned.ContentType } },
        },
    };
}
