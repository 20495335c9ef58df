using System.Text;
using KooGate.Conformance.Checks;
using KooGate.Conformance.Wire;
using KooGate.Protocol.Messages;

namespace KooGate.Conformance.Tests;

/// <summary>
/// Replies are read through the Protocol records: as leniently as the spec lets a seller in any language answer, and a
/// member of a type the spec's type cannot be read from fails the check naming the member and the type.
/// </summary>
public sealed class ReplyReadingTests
{
    private static readonly V2Channel Channel = new(new Uri("https://isv.example.com/produce"), "key", TimeProvider.System);

    [Fact]
    public void Unknown_members_any_order_and_a_string_usageValue_pass()
    {
        var exchange = Reply("""
            {"traceId":"t-1","info":[{"usageInfo":[{"usageValue":"12.5000","statisticalTime":"20261204120000000","meter":{"v":2}}],
            "appInfo":{"theme":"dark","frontEndUrl":"https://app.example.com/i1"},"instanceId":"i1","region":"cn-north-4"}],
            "resultMsg":"success","resultCode":"000000"}
            """);

        Expect.Success<QueryInstanceResponse>(exchange, Channel, "queryInstance");

        var info = Assert.Single(Expect.Read<QueryInstanceResponse>(exchange, "queryInstance").Info!);
        Assert.Equal("i1", info.InstanceId);
        Assert.Equal(12.5m, Assert.Single(info.UsageInfo!).UsageValue);
    }

    [Fact]
    public void A_number_or_boolean_where_the_spec_has_a_String_is_read_as_its_text()
    {
        var exchange = Reply("""{"resultCode":"000000","resultMsg":true,"instanceId":1234567,"extra":[1,2]}""");

        Expect.Success<NewInstanceResponse>(exchange, Channel, "newInstance");

        Assert.Equal("1234567", Expect.Read<NewInstanceResponse>(exchange, "newInstance").InstanceId);
        Assert.Equal("true", exchange.ResultMsg);
    }

    [Theory]
    [InlineData("""{"resultCode":"000000","resultMsg":"ok","instanceId":{"id":"i1"}}""",
        "instanceId is a JSON object, but the spec's type is String")]
    [InlineData("""{"resultCode":"000000","resultMsg":"ok","instanceId":["i1"]}""",
        "instanceId is a JSON array, but the spec's type is String")]
    [InlineData("""{"resultCode":"000000","resultMsg":"ok","instanceId":"i1","appInfo":"https://app.example.com"}""",
        "appInfo is the string \"https://app.example.com\", but the spec's type is an object")]
    public void A_wrongly_typed_member_fails_naming_it_and_its_type(string body, string named)
    {
        var failure = Assert.Throws<CheckFailedException>(() => Expect.Success<NewInstanceResponse>(Reply(body), Channel, "newInstance"));

        Assert.Contains("newInstance: 调测失败,解析响应体失败", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_nested_member_is_named_by_its_path()
    {
        var exchange = Reply("""
            {"resultCode":"000000","resultMsg":"ok","info":[{"instanceId":"i1","usageInfo":[{"usageValue":"a lot","statisticalTime":"20261204120000000"}]}]}
            """);

        var failure = Assert.Throws<CheckFailedException>(() => Expect.Success<QueryInstanceResponse>(exchange, Channel, "queryInstance"));

        Assert.Contains("info[0].usageInfo[0].usageValue is the string \"a lot\", but the spec's type is Double", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resultMsg_that_is_an_object_fails_the_envelope_naming_resultMsg()
    {
        var failure = Assert.Throws<CheckFailedException>(() =>
            Expect.Answer(Reply("""{"resultCode":"000000","resultMsg":{"text":"ok"}}"""), Channel, "releaseInstance"));

        Assert.Contains("解析响应体失败", failure.Message, StringComparison.Ordinal);
        Assert.Contains("resultMsg is a JSON object, but the spec's type is String", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_is_read_whatever_the_reply_record()
    {
        var exchange = Reply("""{"info":null,"resultCode":"000003","resultMsg":"instance not found","instanceId":null}""");

        Expect.Code<QueryInstanceResponse>(exchange, Channel, "queryInstance", "000003");

        Assert.Equal("000003 instance not found", exchange.Summary);
    }

    private static Exchange Reply(string json) => new()
    {
        Request = new WireRequest(HttpMethod.Post, new Uri("https://isv.example.com/produce"), [], null),
        Status = 200,
        MediaType = "application/json",
        Body = Encoding.UTF8.GetBytes(json),
    };
}
