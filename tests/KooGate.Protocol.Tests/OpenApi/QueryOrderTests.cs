using System.Net;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;

namespace KooGate.Protocol.Tests.OpenApi;

public class QueryOrderTests
{
    private const string OrderJson = """
        {"resultCode":"MKT.0000","resultMsg":"Success","orderInfo":{"orderId":"CS2207261447AUY4H","orderType":"NEW",
         "createTime":"20220726064736","orderLine":[{"orderLineId":"CS2207261447AUY4H-000001","chargingMode":"PERIOD",
         "periodType":"year","periodNumber":1,"expireTime":"20230726155959","currency":"CNY"}],
         "buyerInfo":{"customerId":"c1","userName":"buyer"}}}
        """;

    [Fact]
    public async Task Signed_get_with_the_order_id_returns_the_parsed_order()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json(OrderJson);

        var response = await fixture.Client.QueryOrderAsync("CS2207261447AUY4H");

        var request = fixture.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/order/query?orderId=CS2207261447AUY4H", request.Url.AbsoluteUri);
        Assert.Equal("20260102T030405Z", request.Headers["X-Sdk-Date"]);
        Assert.Empty(request.Body);
        Assert.True(response.IsSuccess);
        Assert.Equal(OrderTypes.New, response.OrderInfo!.OrderType);
        var line = Assert.Single(response.OrderInfo.OrderLine);
        Assert.Equal(ChargingModes.Period, line.ChargingMode);
        Assert.Equal(1, line.PeriodNumber);
        Assert.Equal("CNY", line.ExtensionData!["currency"].GetString());
        Assert.Equal("buyer", response.OrderInfo.BuyerInfo!.UserName);
    }

    [Fact]
    public async Task Order_line_and_awkward_ids_are_escaped_and_still_verify()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json(OrderJson);

        await fixture.Client.QueryOrderAsync("CS 1+2/ü", "CS 1+2/ü-000001");

        var query = fixture.Single.Url.Query;
        Assert.Equal("?orderId=CS%201%2B2%2F%C3%BC&orderLineId=CS%201%2B2%2F%C3%BC-000001", query);
    }

    [Theory]
    [InlineData("https://mkt.example.test/prefix", "https://mkt.example.test/prefix/api/mkp-openapi-public/global/v1/order/query")]
    [InlineData("https://mkt.example.test/prefix/", "https://mkt.example.test/prefix/api/mkp-openapi-public/global/v1/order/query")]
    [InlineData("http://127.0.0.1:8080/a/b/", "http://127.0.0.1:8080/a/b/api/mkp-openapi-public/global/v1/order/query")]
    public async Task A_path_prefix_on_the_base_url_is_kept(string baseUrl, string expected)
    {
        using var fixture = new MarketplaceFixture(baseUrl);
        fixture.Stub.Respond = _ => CannedResponse.Json(OrderJson);

        await fixture.Client.QueryOrderAsync("CS1");

        Assert.Equal(expected + "?orderId=CS1", fixture.Single.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Overridden_paths_are_used()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json(OrderJson);
        var client = new MarketplaceClient(fixture.Http, new(VerifyingMarketplaceHandler.AccessKey, VerifyingMarketplaceHandler.SecretKey), fixture.Time)
        {
            Paths = MarketplaceApiPaths.Default with { QueryOrder = "/rest/v9/order" },
        };

        await client.QueryOrderAsync("CS1");

        Assert.Equal("/rest/v9/order", fixture.Single.Url.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused_by_the_gateway_and_not_transient()
    {
        using var fixture = new MarketplaceFixture(secretKey: "not-the-secret");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.QueryOrderAsync("CS1"));

        Assert.Empty(fixture.Stub.Requests);
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Equal(MarketplaceErrorCodes.GatewayBadAkSkSignature, e.ErrorCode);
        Assert.Equal("r-1", e.RequestId);
        Assert.False(e.IsTransient);
        Assert.DoesNotContain("not-the-secret", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "MKT.0101", false)]
    [InlineData(HttpStatusCode.Unauthorized, "MKT.0150", false)]
    [InlineData(HttpStatusCode.InternalServerError, "MKT.9001", false)]
    [InlineData(HttpStatusCode.InternalServerError, "MKT.0100", false)]
    [InlineData(HttpStatusCode.InternalServerError, "MKT.0999", true)]
    [InlineData(HttpStatusCode.NotAcceptable, "MKT.0250", true)]
    [InlineData(HttpStatusCode.OK, "MKT.0199", false)]
    public async Task Business_codes_throw_with_code_message_and_retry_advice(HttpStatusCode status, string code, bool transient)
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json($$"""{"resultCode":"{{code}}","resultMsg":"details here","extra_info":"x"}""", status);

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.QueryOrderAsync("CS1"));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal("details here", e.ErrorMessage);
        Assert.Equal(transient, e.IsTransient);
        Assert.Contains(code, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "APIGW.0303", false)]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301", false)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIGW.0308", true)]
    [InlineData(HttpStatusCode.BadGateway, "APIGW.0201", true)]
    [InlineData(HttpStatusCode.GatewayTimeout, "APIGW.0201", true)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "APIGW.0201", false)]
    [InlineData(HttpStatusCode.NotFound, "APIGW.0101", false)]
    public async Task Gateway_codes_are_transient_only_for_throttling_and_backend_outages(HttpStatusCode status, string code, bool transient)
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json($$"""{"error_code":"{{code}}","error_msg":"gateway says no","request_id":"abc"}""", status);

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.QueryOrderAsync("CS1"));

        Assert.Equal(code, e.ErrorCode);
        Assert.Equal("abc", e.RequestId);
        Assert.Equal(transient, e.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>oops</html>", "not JSON", false)]
    [InlineData(HttpStatusCode.BadGateway, "<html>502 Bad Gateway</html>", "not JSON", true)]
    [InlineData(HttpStatusCode.OK, "", "empty body", false)]
    [InlineData(HttpStatusCode.OK, "[1,2]", "not a JSON object", false)]
    [InlineData(HttpStatusCode.OK, """{"orderInfo":{}}""", "no resultCode", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"message":"down"}""", "no resultCode", true)]
    [InlineData(HttpStatusCode.OK, """{"resultCode":"MKT.0000","orderInfo":"not an object"}""", "does not match", false)]
    [InlineData(HttpStatusCode.OK, """{"resultCode":"MKT.0000","orderInfo":{"orderLine":{"a":1}}}""", "does not match", false)]
    [InlineData(HttpStatusCode.OK, """{"resultCode":"MKT.00""", "not JSON", false)]
    public async Task Unusable_responses_throw_a_clear_exception(HttpStatusCode status, string body, string problem, bool transient)
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => new CannedResponse(status, body, "text/html");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.QueryOrderAsync("CS1"));

        Assert.Null(e.ErrorCode);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(transient, e.IsTransient);
    }

    [Fact]
    public async Task A_retry_handler_may_resend_the_signed_request_within_the_15_minute_window()
    {
        RetryOnceHandler retry = null!;
        using var fixture = new MarketplaceFixture(wrap: inner => retry = new RetryOnceHandler(inner));
        fixture.Stub.Respond = _ => fixture.Stub.Requests.Count == 1
            ? CannedResponse.Json("""{"error_code":"APIGW.0308","error_msg":"throttled"}""", HttpStatusCode.TooManyRequests)
            : CannedResponse.Json(OrderJson);
        retry.BeforeRetry = () => fixture.Time.Advance(TimeSpan.FromMinutes(14));

        var response = await fixture.Client.QueryOrderAsync("CS1");

        Assert.True(response.IsSuccess);
        Assert.Equal(2, fixture.Stub.Requests.Count);
    }

    [Fact]
    public async Task A_resent_request_older_than_15_minutes_is_refused_so_callers_must_call_again()
    {
        RetryOnceHandler retry = null!;
        using var fixture = new MarketplaceFixture(wrap: inner => retry = new RetryOnceHandler(inner));
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"APIGW.0308","error_msg":"throttled"}""", HttpStatusCode.TooManyRequests);
        retry.BeforeRetry = () => fixture.Time.Advance(TimeSpan.FromMinutes(16));

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.QueryOrderAsync("CS1"));
        Assert.Equal("APIGW.0301", e.ErrorCode);

        // A new call signs afresh with the current clock and goes through.
        fixture.Stub.Respond = _ => CannedResponse.Json(OrderJson);
        Assert.True((await fixture.Client.QueryOrderAsync("CS1")).IsSuccess);
    }

    [Fact]
    public async Task A_timeout_is_transient_but_caller_cancellation_is_not_wrapped()
    {
        using var hanging = new HttpClient(new HangingHandler()) { BaseAddress = new Uri("https://mkt.example.test/"), Timeout = TimeSpan.FromMilliseconds(100) };
        var client = new MarketplaceClient(hanging, new("ak", "sk"), TimeProvider.System);

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => client.QueryOrderAsync("CS1"));
        Assert.True(e.IsTransient);
        Assert.Null(e.StatusCode);
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);

        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        using var patient = new HttpClient(new HangingHandler()) { BaseAddress = new Uri("https://mkt.example.test/") };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new MarketplaceClient(patient, new("ak", "sk"), TimeProvider.System).QueryOrderAsync("CS1", cancelled.Token));
    }

    [Fact]
    public async Task A_connection_failure_is_transient()
    {
        using var http = new HttpClient(new FailingHandler()) { BaseAddress = new Uri("https://mkt.example.test/") };

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(
            () => new MarketplaceClient(http, new("ak", "sk"), TimeProvider.System).QueryOrderAsync("CS1"));

        Assert.True(e.IsTransient);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task A_blank_order_id_is_refused_before_sending(string orderId)
    {
        using var fixture = new MarketplaceFixture();
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.QueryOrderAsync(orderId));
        Assert.Empty(fixture.Stub.Requests);
    }

    [Fact]
    public async Task A_client_without_base_address_says_so()
    {
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new MarketplaceClient(http, new("ak", "sk"), TimeProvider.System).QueryOrderAsync("CS1"));
        Assert.Contains("BaseAddress", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Resends the very same request once when the first answer is not 2xx, as a naive retry handler would.</summary>
    private sealed class RetryOnceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public Action BeforeRetry { get; set; } = () => { };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var first = await base.SendAsync(request, cancellationToken);
            if (first.IsSuccessStatusCode)
            {
                return first;
            }

            first.Dispose();
            BeforeRetry();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused");
    }
}
