using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KooGate.Protocol.Signing;

namespace KooGate.Cli.Tests.OpenApi;

internal sealed record ReceivedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A marketplace gateway on 127.0.0.1 (HttpListener): checks the APIG signature of every request and the usage-push
/// signature on the usage path, answering <c>APIGW.0301</c> / <c>MKT.0102</c> on failure, else the canned reply.
/// </summary>
internal sealed class LoopbackMarketplace : IDisposable
{
    public const string AccessKey = "CLITESTAK0001";
    public const string SecretKey = "cli-test-secret-key";
    public const string UsageAccessKey = "cli-usage-access-key";

    private readonly HttpListener _listener;
    private readonly Task _loop;

    public LoopbackMarketplace(string pathPrefix = "/mkt/")
    {
        (_listener, var port) = Start();
        BaseUrl = $"http://127.0.0.1:{port}{pathPrefix}";
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Func<ReceivedRequest, (int Status, string Body)> Respond { get; set; } =
        _ => (200, """{"error_code":"MKT.0000","error_msg":"success"}""");

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private static (HttpListener Listener, int Port) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = request.Headers.AllKeys.OfType<string>()
            .ToDictionary(name => name, name => request.Headers[name]!, StringComparer.OrdinalIgnoreCase);
        var url = new Uri($"http://{request.UserHostName}{request.RawUrl}");
        var received = new ReceivedRequest(request.HttpMethod, url, headers, body);

        var now = DateTimeOffset.UtcNow;
        var verdict = ApigSigner.Verify(ak => ak == AccessKey ? SecretKey : null, request.HttpMethod, url,
            headers.GetValueOrDefault("Authorization"), headers, body, now);
        (int Status, string Body) reply;
        if (verdict != ApigVerdict.Valid)
        {
            reply = (401, $$"""{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: {{verdict}}"}""");
        }
        else if (url.AbsolutePath.EndsWith("/isv/usage-data", StringComparison.Ordinal)
            && UsagePushSignature.Verify([UsageAccessKey], headers.GetValueOrDefault("signature"), headers.GetValueOrDefault("ts"),
                headers.GetValueOrDefault("nonce"), body, now, TimeSpan.FromMinutes(5)) is { IsValid: false } check)
        {
            reply = (400, $$"""{"error_code":"MKT.0102","error_msg":"Invalid body sign: {{check.Verdict}}"}""");
        }
        else
        {
            Requests.Enqueue(received);
            reply = Respond(received);
        }

        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
