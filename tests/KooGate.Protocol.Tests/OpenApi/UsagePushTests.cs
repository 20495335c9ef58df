using System.Net;
using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.OpenApi;

namespace KooGate.Protocol.Tests.OpenApi;

public class UsagePushTests
{
    private const string UsageKey = VerifyingMarketplaceHandler.UsageAccessKey;

    private static UsageRecord Record(int i, string value = "1.5") => new()
    {
        BeginTime = "20260102T000000Z",
        EndTime = "20260102T010000Z",
        InstanceId = $"instance-{i}",
        MeteringSn = $"sn-{i:00000}",
        RecordTime = "20260102T010500Z",
        UsageValue = value,
    };

    private static List<UsageRecord> Records(int count) => [.. Enumerable.Range(0, count).Select(i => Record(i))];

    private static int RecordCount(RecordedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("usage_records").GetArrayLength();

    [Fact]
    public async Task The_push_carries_both_signatures_and_a_key_sorted_body()
    {
        using var fixture = new MarketplaceFixture();
        var record = UsageRecord.Create("7f141bf1", new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), new(2026, 1, 2, 1, 0, 0, TimeSpan.Zero),
            99m, "sn-0001", new(2026, 1, 2, 1, 5, 0, TimeSpan.Zero), "pkg-1");

        var response = await fixture.Client.PushUsageAsync(new UsagePushRequest { UsageRecords = [record] }, UsageKey);

        Assert.Equal("MKT.0000", response.ErrorCode);
        var request = fixture.Single;
        Assert.Equal("https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/isv/usage-data", request.Url.AbsoluteUri);
        Assert.Equal(MarketplaceFixture.Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["ts"]);
        Assert.True(Guid.TryParse(request.Headers["nonce"], out _));
        Assert.StartsWith("SDK-HMAC-SHA256 Access=", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(
            """{"usage_records":[{"begin_time":"20260102T000000Z","end_time":"20260102T010000Z","instance_id":"7f141bf1","metering_sn":"sn-0001","record_time":"20260102T010500Z","relate_pkg_instance":"pkg-1","usage_value":"99"}]}""",
            request.BodyText);
    }

    [Fact]
    public async Task A_wrong_interface_access_key_is_refused_with_invalid_body_sign()
    {
        using var fixture = new MarketplaceFixture();

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(
            () => fixture.Client.PushUsageAsync(new UsagePushRequest { UsageRecords = [Record(1)] }, "some-other-key"));

        Assert.Equal("MKT.0102", e.ErrorCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task Record_level_failures_answered_with_http_200_still_throw()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"94060999","error_msg":"Failed","abnormal_usage_data":[{"metering_sn":"sn-00001"}]}""");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(
            () => fixture.Client.PushUsageAsync(new UsagePushRequest { UsageRecords = [Record(1)] }, UsageKey));

        Assert.Equal("94060999", e.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, e.StatusCode);
    }

    [Fact]
    public async Task One_push_refuses_more_records_than_the_limit_before_sending()
    {
        using var fixture = new MarketplaceFixture();

        var e = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Client.PushUsageAsync(new UsagePushRequest { UsageRecords = Records(1001) }, UsageKey));

        Assert.Contains("1001 usage records exceed the limit of 1000", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Stub.Requests);
    }

    [Fact]
    public async Task Exactly_the_limit_goes_in_one_push()
    {
        using var fixture = new MarketplaceFixture();

        await fixture.Client.PushUsageAsync(new UsagePushRequest { UsageRecords = Records(1000) }, UsageKey);

        Assert.Equal(1000, RecordCount(fixture.Single));
    }

    [Fact]
    public async Task Batches_split_at_the_limit_each_signed_in_order()
    {
        using var fixture = new MarketplaceFixture();

        var responses = await fixture.Client.PushUsageInBatchesAsync(Records(2500), UsageKey).ToListAsync();

        Assert.Equal(3, responses.Count);
        Assert.Equal([1000, 1000, 500], fixture.Stub.Requests.Select(RecordCount));
        var lastBody = JsonDocument.Parse(fixture.Stub.Requests[2].Body).RootElement.GetProperty("usage_records");
        Assert.Equal("sn-02000", lastBody[0].GetProperty("metering_sn").GetString());
        Assert.Equal(3, fixture.Stub.Requests.Select(r => r.Headers["nonce"]).Distinct().Count());
    }

    [Fact]
    public async Task A_smaller_configured_limit_is_honoured()
    {
        using var fixture = new MarketplaceFixture();
        var client = new MarketplaceClient(fixture.Http, new(VerifyingMarketplaceHandler.AccessKey, VerifyingMarketplaceHandler.SecretKey), fixture.Time)
        {
            MaxUsageRecordsPerPush = 100,
        };

        await client.PushUsageInBatchesAsync(Records(250), UsageKey).ToListAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => client.PushUsageAsync(new UsagePushRequest { UsageRecords = Records(101) }, UsageKey));

        Assert.Equal([100, 100, 50], fixture.Stub.Requests.Select(RecordCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketplaceClient(fixture.Http, new("a", "b"), fixture.Time) { MaxUsageRecordsPerPush = 1001 });
    }

    [Fact]
    public async Task An_invalid_record_anywhere_stops_the_batches_before_the_first_call()
    {
        using var fixture = new MarketplaceFixture();
        var records = Records(1600);
        records[1500] = Record(1500, value: "0");

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await fixture.Client.PushUsageInBatchesAsync(records, UsageKey).ToListAsync());

        Assert.Contains("usage_records[1500].usage_value", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Stub.Requests);
    }

    [Fact]
    public async Task A_failing_batch_stops_the_rest()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => fixture.Stub.Requests.Count == 2
            ? CannedResponse.Json("""{"error_code":"MKT.9004","error_msg":"Record beginTime extends Limit."}""", HttpStatusCode.InternalServerError)
            : CannedResponse.Json("""{"error_code":"MKT.0000","error_msg":"success"}""");

        var accepted = new List<OpenApiResponse>();
        var e = await Assert.ThrowsAsync<MarketplaceApiException>(async () =>
        {
            await foreach (var response in fixture.Client.PushUsageInBatchesAsync(Records(2500), UsageKey))
            {
                accepted.Add(response);
            }
        });

        Assert.Single(accepted);
        Assert.Equal("MKT.9004", e.ErrorCode);
        Assert.False(e.IsTransient);
        Assert.Equal(2, fixture.Stub.Requests.Count);
    }

    [Fact]
    public async Task No_records_is_bad_input()
    {
        using var fixture = new MarketplaceFixture();
        await Assert.ThrowsAsync<ArgumentException>(async () => await fixture.Client.PushUsageInBatchesAsync([], UsageKey).ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.PushUsageAsync(new UsagePushRequest(), UsageKey));
        Assert.Empty(fixture.Stub.Requests);
    }
}
