namespace KooGate.Protocol.Signing;

/// <summary>AK/SK credentials for the marketplace open APIs (我的凭证 &gt; 访问密钥, license-order-openapi.md §E.1).</summary>
public sealed record ApigCredentials(string AccessKey, string SecretKey);

/// <summary>
/// An <see cref="HttpClient"/> handler that APIG-signs every outgoing request with the current time, signing
/// <c>host</c>, <c>x-sdk-date</c> and, when there is a body, its exact <c>content-type</c>.
/// </summary>
public sealed class ApigSigningHandler(ApigCredentials credentials, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, credentials, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a request in place (sets <c>X-Sdk-Date</c>, <c>Host</c> and <c>Authorization</c>).</summary>
    public static async Task<ApigSignature> SignAsync(
        HttpRequestMessage request, ApigCredentials credentials, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("the request has no URI");
        var date = KooTime.ToSdkDate(now);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>> { new("host", ApigSigner.HostHeader(url)), new("x-sdk-date", date) };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        var signature = ApigSigner.Sign(credentials.AccessKey, credentials.SecretKey, request.Method.Method, url, date, headers, body);
        request.Headers.Remove(ApigSigner.DateHeader);
        request.Headers.TryAddWithoutValidation(ApigSigner.DateHeader, date);
        request.Headers.Host = ApigSigner.HostHeader(url);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return signature;
    }
}
