using System.Text;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class MessageValidationTests
{
    private static readonly NewInstanceRequest ValidNewInstance =
        KooJson.Deserialize<NewInstanceRequest>(SpecVectors.NewInstanceBody)!;

    private static readonly RefreshInstanceRequest ValidRefresh = new()
    {
        ExpireTime = "20221124023618",
        InstanceId = "ins-1",
        OrderId = "CS2211240236XXXX",
        OrderLineId = "CS2211240236XXXX-000001",
        Scene = RefreshScenes.Renewal,
    };

    [Theory]
    [InlineData("activity")]
    [InlineData("businessId")]
    [InlineData("orderId")]
    [InlineData("orderLineId")]
    public void Missing_mandatory_field_is_named(string field)
    {
        var body = RemoveField(SpecVectors.NewInstanceBody, field);

        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out var message, out var error));
        Assert.Null(message);
        Assert.Equal(new FieldError(field, "is missing"), error);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Empty_or_null_mandatory_field_counts_as_missing(string value)
    {
        var body = SpecVectors.NewInstanceBody.Replace("\"CS2211181819B4LVS\"", value, StringComparison.Ordinal);

        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(new FieldError("orderId", "is missing"), error);
    }

    [Fact]
    public void Optional_testFlag_may_be_absent()
    {
        var body = RemoveField(SpecVectors.NewInstanceBody, "testFlag");

        Assert.True(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out var request, out _));
        Assert.False(request.IsTest);
    }

    [Fact]
    public void Too_long_field_reports_its_limit()
    {
        Assert.Null(MessageValidator.Validate(ValidNewInstance with { OrderId = new string('x', 64) }));
        Assert.Equal(new FieldError("orderId", "is longer than 64 characters"),
            MessageValidator.Validate(ValidNewInstance with { OrderId = new string('x', 65) }));
        Assert.Equal(new FieldError("businessId", "is longer than 64 characters"),
            MessageValidator.Validate(ValidNewInstance with { BusinessId = new string('x', 65) }));
        Assert.Equal(new FieldError("testFlag", "is longer than 2 characters"),
            MessageValidator.Validate(ValidNewInstance with { TestFlag = "123" }));
    }

    [Fact] // saas-v2.md §3: activity is String(20) for newInstance but String(32) for updateInstanceStatus
    public void Activity_must_match_the_message_type()
    {
        Assert.Equal(new FieldError("activity", "must be one of newInstance"),
            MessageValidator.Validate(ValidNewInstance with { Activity = "queryInstance" }));
        Assert.Equal(new FieldError("activity", "is longer than 20 characters"),
            MessageValidator.Validate(ValidNewInstance with { Activity = new string('a', 21) }));
    }

    [Fact]
    public void Bad_scene_lists_the_allowed_values()
    {
        Assert.Equal(
            new FieldError("scene", "must be one of TRIAL_TO_FORMAL, RENEWAL, UNSUBSCRIBE_RENEWAL_PERIOD, RENEWAL_CHANGE"),
            MessageValidator.Validate(ValidRefresh with { Scene = "renewal" }));
    }

    [Theory]
    [InlineData("freeze")]
    [InlineData("NORMAL")]
    [InlineData("")]
    public void Bad_status_is_rejected(string status)
    {
        var request = new UpdateInstanceStatusRequest { InstanceId = "i", Status = status };

        Assert.Equal("status", MessageValidator.Validate(request)?.Field);
    }

    [Theory] // README decision 8: 14 or 17 digits, a real UTC date
    [InlineData("20221124023618", true)]
    [InlineData("20221124023618256", true)]
    [InlineData("2022112402361825", false)]
    [InlineData("202211240236", false)]
    [InlineData("2022-11-24 02:36:18", false)]
    [InlineData("20221324023618", false)]
    [InlineData("20220230000000", false)]
    [InlineData("2022112402361a", false)]
    public void ExpireTime_must_be_a_14_or_17_digit_utc_time(string expireTime, bool valid)
    {
        var error = MessageValidator.Validate(ValidRefresh with { ExpireTime = expireTime });

        if (valid)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(new FieldError("expireTime", "must be a UTC time of 14 or 17 digits (yyyyMMddHHmmss[SSS])"), error);
        }
    }

    [Fact]
    public void FieldError_becomes_000002_naming_the_field()
    {
        var code = new FieldError("orderId", "is missing").ToResultCode();

        Assert.Equal(ResultCode.InvalidParameter.Code, code.Code);
        Assert.Equal("param is invalid: orderId is missing", code.Message);
    }

    [Fact] // resultMsg is String(255)
    public void FieldError_message_is_cut_to_255_characters()
    {
        var code = new FieldError(new string('f', 300), "is missing").ToResultCode();

        Assert.Equal(255, code.Message.Length);
        Assert.StartsWith("param is invalid: fff", code.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAll_reports_every_problem_in_declaration_order()
    {
        var request = new RefreshInstanceRequest { Activity = "x", ExpireTime = "bad", Scene = "bad" };

        var errors = MessageValidator.ValidateAll(request);

        Assert.Equal(["activity", "expireTime", "instanceId", "orderId", "orderLineId", "scene"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_returns_null_for_a_valid_message() =>
        Assert.Null(MessageValidator.Validate(ValidNewInstance));

    private static string RemoveField(string body, string field)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        Assert.True(document.Remove(field));
        return document.ToJsonString();
    }
}
