using System.Security.Cryptography;
using System.Text.Json;

namespace KooGate.Cli.Tests.OpenApi;

/// <summary>The open-API commands against a loopback gateway that verifies every signature.</summary>
public sealed class OpenApiCommandTests : IDisposable
{
    private const string OrderJson = """
        {"resultCode":"MKT.0000","resultMsg":"Success","orderInfo":{"orderId":"MOCKPERIODYEARNEW","orderType":"NEW",
         "createTime":"20220726064736","orderLine":[{"orderLineId":"MOCKPERIODYEARNEW-000001","chargingMode":"PERIOD"}]}}
        """;

    private readonly LoopbackMarketplace _marketplace = new();
    private readonly TempFiles _files = new();

    private Dictionary<string, string> Environment => new()
    {
        ["KOOGATE_MARKETPLACE_BASE_URL"] = _marketplace.BaseUrl,
        ["KOOGATE_MARKETPLACE_AK"] = LoopbackMarketplace.AccessKey,
        ["KOOGATE_MARKETPLACE_SK"] = LoopbackMarketplace.SecretKey,
        ["KOOGATE_USAGE_ACCESS_KEY"] = LoopbackMarketplace.UsageAccessKey,
    };

    private string[] Connection => ["--base-url", _marketplace.BaseUrl, "--ak", LoopbackMarketplace.AccessKey, "--sk", LoopbackMarketplace.SecretKey];

    public void Dispose()
    {
        _marketplace.Dispose();
        _files.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliRunner.InProcessAsync(Environment, args);

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement;

    [Fact]
    public async Task Order_get_prints_the_order_and_keeps_the_base_url_prefix()
    {
        _marketplace.Respond = _ => (200, OrderJson);

        var result = await CliRunner.InProcessAsync(new Dictionary<string, string>(),
            ["order", "get", "MOCKPERIODYEARNEW", "--order-line-id", "MOCKPERIODYEARNEW-000001", .. Connection]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var json = Json(result.Out);
        Assert.Equal("MKT.0000", json.GetProperty("resultCode").GetString());
        Assert.Equal("PERIOD", json.GetProperty("orderInfo").GetProperty("orderLine")[0].GetProperty("chargingMode").GetString());
        var request = Assert.Single(_marketplace.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/mkt/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKPERIODYEARNEW&orderLineId=MOCKPERIODYEARNEW-000001",
            request.Url.PathAndQuery);
    }

    [Fact]
    public async Task Credentials_and_base_url_come_from_the_environment_and_options_win()
    {
        _marketplace.Respond = _ => (200, OrderJson);
        var environment = Environment;
        environment["KOOGATE_MARKETPLACE_SK"] = "stale-secret";

        var fromEnvironment = await Run("order", "get", "CS1");
        var overridden = await CliRunner.InProcessAsync(environment, "order", "get", "CS1", "--sk", LoopbackMarketplace.SecretKey);
        var stale = await CliRunner.InProcessAsync(environment, "order", "get", "CS1");

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(0, overridden.ExitCode);
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("APIGW.0301", stale.Error, StringComparison.Ordinal);
        Assert.Contains("not transient", stale.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("stale-secret", stale.Error, StringComparison.Ordinal);
        Assert.Equal("", stale.Out);
    }

    [Fact]
    public async Task A_business_error_exits_1_with_the_code()
    {
        _marketplace.Respond = _ => (500, """{"resultCode":"MKT.0999","resultMsg":"System internal error."}""");

        var result = await Run("order", "get", "CS1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MKT.0999", result.Error, StringComparison.Ordinal);
        Assert.Contains("transient, retry later", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KOOGATE_MARKETPLACE_AK", "--ak is required")]
    [InlineData("KOOGATE_MARKETPLACE_SK", "--sk is required")]
    public async Task Missing_credentials_are_bad_input(string variable, string message)
    {
        var environment = Environment;
        environment.Remove(variable);

        var result = await CliRunner.InProcessAsync(environment, "order", "get", "CS1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(_marketplace.Requests);
    }

    [Theory]
    [InlineData("order", "get", "CS1", "--base-url", "ftp://example.test/")]
    [InlineData("order", "get", "CS1", "--base-url", "not a url")]
    [InlineData("order", "get", "CS1", "--timeout", "0")]
    [InlineData("license", "activate", "PL1", "PL2", "--api", "v1")]
    [InlineData("license", "activate", "PL1", "--api", "v3")]
    [InlineData("license", "activate", "PL1", "--real-effect-time", "2026-01-02")]
    [InlineData("license", "heartbeat", "PL1", "PL2", "--account", "a")]
    [InlineData("license", "heartbeat", "PL1", "--ip", "10.0.0.1")]
    [InlineData("upload", "string", "--event-id", "e1")]
    public async Task Bad_options_exit_2_without_calling(params string[] args)
    {
        var result = await Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(_marketplace.Requests);
    }

    [Fact]
    public async Task License_activate_uses_v1_for_one_code_and_v2_for_several()
    {
        _marketplace.Respond = r => r.Url.AbsolutePath.Contains("/v1/", StringComparison.Ordinal)
            ? (200, """{"error_code":"92020000","error_msg":"success","data":{"license_code_info":"{\"status\":\"ALIVE\"}"}}""")
            : (200, """{"error_code":"92020000","error_msg":"success"}""");

        var one = await Run("license", "activate", "PL1", "--real-effect-time", "20260102153555");
        var many = await Run("license", "activate", "PL1", "PL2");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal(0, many.ExitCode);
        Assert.Equal("""{"status":"ALIVE"}""", Json(one.Out).GetProperty("data").GetProperty("license_code_info").GetString());
        var requests = _marketplace.Requests.ToArray();
        Assert.EndsWith("/v1/license/activate", requests[0].Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("""{"license":"PL1","real_effect_time":"20260102153555"}""", requests[0].BodyText);
        Assert.EndsWith("/v2/license/activate", requests[1].Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("""{"license_list":["PL1","PL2"]}""", requests[1].BodyText);
    }

    [Fact]
    public async Task License_activate_twice_exits_1_and_says_already_activated()
    {
        _marketplace.Respond = _ => (200, """{"error_code":"92020003","error_msg":"illegal state"}""");

        var result = await Run("license", "activate", "PL1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already activated", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task License_heartbeat_sends_heartbeat_info_and_prints_the_state()
    {
        _marketplace.Respond = _ => (200, """{"error_code":"92020000","error_msg":"success","data":{"license_code":"PL1","status":"ALIVE","activate_time":"20260101000000"}}""");

        var result = await Run("license", "heartbeat", "PL1", "--account", "user-7", "--ip", "10.0.0.1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ALIVE", Json(result.Out).GetProperty("data").GetProperty("status").GetString());
        var request = Assert.Single(_marketplace.Requests);
        Assert.EndsWith("/v1/license/heartbeat", request.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("""{"heartbeatInfo":{"ip":"10.0.0.1","thirdPartyAccount":"user-7"},"license":"PL1"}""", request.BodyText);
    }

    private static string UsageFile(int count, bool wrapped, int badIndex = -1)
    {
        var records = Enumerable.Range(0, count).Select(i =>
            $$"""{"instance_id":"inst-1","metering_sn":"sn-{{i}}","record_time":"20260102T010500Z","begin_time":"20260102T000000Z","end_time":"20260102T010000Z","usage_value":"{{(i == badIndex ? "-1" : "2.5")}}"}""");
        var array = "[" + string.Join(',', records) + "]";
        return wrapped ? $$"""{"usage_records":{{array}}}""" : array;
    }

    [Fact]
    public async Task Usage_push_splits_into_signed_batches_and_prints_one_line_each()
    {
        var file = _files.Write(UsageFile(250, wrapped: true));

        var result = await Run("usage", "push", "--file", file, "--batch-size", "100");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal("MKT.0000", Json(line).GetProperty("error_code").GetString()));
        Assert.Equal([100, 100, 50], _marketplace.Requests.Select(r => Json(r.BodyText).GetProperty("usage_records").GetArrayLength()));
        // Sent key-sorted, whatever order the file used.
        Assert.StartsWith("""{"usage_records":[{"begin_time":"20260102T000000Z","end_time":""", _marketplace.Requests.First().BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_push_accepts_a_bare_array_and_the_access_key_option()
    {
        var environment = Environment;
        environment.Remove("KOOGATE_USAGE_ACCESS_KEY");
        var file = _files.Write(UsageFile(3, wrapped: false));

        var missing = await CliRunner.InProcessAsync(environment, "usage", "push", "--file", file);
        var wrongKey = await CliRunner.InProcessAsync(environment, "usage", "push", "--file", file, "--access-key", "wrong");
        var ok = await CliRunner.InProcessAsync(environment, "usage", "push", "--file", file, "--access-key", LoopbackMarketplace.UsageAccessKey);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--access-key is required", missing.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("MKT.0102", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(0, ok.ExitCode);
        Assert.Single(_marketplace.Requests);
    }

    [Fact]
    public async Task Usage_push_with_an_invalid_record_sends_nothing()
    {
        var file = _files.Write(UsageFile(1200, wrapped: true, badIndex: 1100));

        var result = await Run("usage", "push", "--file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage_records[1100].usage_value", result.Error, StringComparison.Ordinal);
        Assert.Empty(_marketplace.Requests);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"records":[]}""")]
    [InlineData("[1,2]")]
    [InlineData("[]")]
    public async Task Usage_push_with_an_unusable_file_is_bad_input(string content)
    {
        var result = await Run("usage", "push", "--file", _files.Write(content));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(_marketplace.Requests);
    }

    [Fact]
    public async Task Usage_push_reports_which_batch_failed()
    {
        _marketplace.Respond = r => _marketplace.Requests.Count == 2
            ? (500, """{"error_code":"MKT.9004","error_msg":"Record beginTime extends Limit."}""")
            : (200, """{"error_code":"MKT.0000","error_msg":"success"}""");

        var result = await Run("usage", "push", "--file", _files.Write(UsageFile(30, wrapped: true)), "--batch-size", "10");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("batch 2 of 3 failed after 1 accepted", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, _marketplace.Requests.Count);
    }

    [Fact]
    public async Task Upload_string_and_file_send_signed_multipart_bodies()
    {
        _marketplace.Respond = _ => (200, """{"error_code":"CBC.0000","error_msg":"Success"}""");
        var licence = new byte[5000];
        new Random(3).NextBytes(licence);
        var path = _files.Write(licence);

        var text = await Run("upload", "string", "--event-id", "evt-1", "--text", "LIC-123");
        var file = await Run("upload", "file", "--event-id", "evt-2", "--file", path, "--file-name", "customer.lic");

        Assert.Equal(0, text.ExitCode);
        Assert.Equal(0, file.ExitCode);
        Assert.Equal("CBC.0000", Json(file.Out).GetProperty("error_code").GetString());
        var requests = _marketplace.Requests.ToArray();
        Assert.Equal("/mkt/api/mkp-openapi-public/global/v1/market-event/evt-1/file", requests[0].Url.AbsolutePath);
        Assert.StartsWith("multipart/form-data; boundary=", requests[0].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("\"characters\":\"LIC-123\"", requests[0].BodyText, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(licence)), requests[1].BodyText, StringComparison.Ordinal);
        Assert.Contains("filename=customer.lic", requests[1].BodyText, StringComparison.Ordinal);
        Assert.True(requests[1].Body.AsSpan().IndexOf(licence) > 0);
    }

    [Fact]
    public async Task An_unreachable_marketplace_is_a_transient_failure()
    {
        var environment = Environment;
        environment["KOOGATE_MARKETPLACE_BASE_URL"] = "http://127.0.0.1:1/";

        var result = await CliRunner.InProcessAsync(environment, "order", "get", "CS1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("transient, retry later", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void As_a_real_process_the_json_goes_to_stdout_and_failures_exit_1()
    {
        _marketplace.Respond = r => r.Url.Query.Contains("BAD", StringComparison.Ordinal)
            ? (400, """{"resultCode":"MKT.0101","resultMsg":"Invalid parameter"}""")
            : (200, OrderJson);

        var ok = CliRunner.Process(["order", "get", "MOCKPERIODYEARNEW", .. Connection]);
        var failed = CliRunner.Process(["order", "get", "BAD", .. Connection]);

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("MOCKPERIODYEARNEW", Json(ok.Out).GetProperty("orderInfo").GetProperty("orderId").GetString());
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("", failed.Out);
        Assert.Contains("MKT.0101", failed.Error, StringComparison.Ordinal);
    }
}
