using System.Text;
using System.Text.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class ProduceRequestParserTests
{
    public static TheoryData<string> MalformedBodies =>
    [
        "",
        " ",
        "{",
        "}",
        "not json",
        "{\"activity\":",
        "{\"activity\":\"newInstance\"",
        "{\"activity\":\"newInstance\",,}",
        "{'activity':'newInstance'}",
        "{\"a\":1}{\"b\":2}",
        new string('[', 1000) + new string(']', 1000),
    ];

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Malformed_json_is_a_body_error_not_an_exception(string body)
    {
        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out var message, out var error));
        Assert.Null(message);
        Assert.Equal(FieldError.BodyField, error.Field);
        Assert.Equal("000002", error.ToResultCode().Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"newInstance\"")]
    public void Json_that_is_not_an_object_is_a_body_error(string body)
    {
        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(FieldError.Body("must be a JSON object"), error);
    }

    [Fact]
    public void Invalid_utf8_is_reported_not_thrown()
    {
        byte[] body = [.. "{\"activity\":\"newInstance\",\"orderId\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(body, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("""{"activity":"newInstance","businessId":"b","orderId":{"nested":1},"orderLineId":"l"}""", "orderId")]
    [InlineData("""{"activity":"newInstance","businessId":["b"],"orderId":"o","orderLineId":"l"}""", "businessId")]
    public void Wrongly_typed_field_is_named(string body, string field)
    {
        Assert.False(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(new FieldError(field, "has an invalid value or type"), error);
    }

    [Fact] // V2 basic values are strings; a number sent by a sloppy client is read as its text
    public void Numbers_and_booleans_are_read_into_string_fields()
    {
        const string body = """{"activity":"newInstance","businessId":123,"orderId":"o","orderLineId":"l","testFlag":1}""";

        Assert.True(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out var request, out _));
        Assert.Equal("123", request.BusinessId);
        Assert.True(request.IsTest);
    }

    [Fact]
    public void Unknown_fields_and_comments_are_ignored()
    {
        const string body = """{"activity":"newInstance", /* debug */ "businessId":"b","orderId":"o","orderLineId":"l","future":{"x":[1,2]}}""";

        Assert.True(ProduceRequestParser.TryParse<NewInstanceRequest>(Encoding.UTF8.GetBytes(body), out var request, out _));
        Assert.Equal("b", request.BusinessId);
    }

    [Fact]
    public void Activity_can_be_read_before_choosing_the_type()
    {
        using var document = JsonDocument.Parse(SpecVectors.NewInstanceBody);

        Assert.True(ProduceRequestParser.TryGetActivity(document.RootElement, out var activity));
        Assert.Equal(Activities.NewInstance, activity);
        Assert.True(ProduceRequestParser.TryParse<NewInstanceRequest>(document.RootElement, out var request, out _));
        Assert.Equal("CS2211181819B4LVS", request.OrderId);
        using var noActivity = JsonDocument.Parse("""{"activity":7}""");
        Assert.False(ProduceRequestParser.TryGetActivity(noActivity.RootElement, out _));
    }

    [Fact] // random corruption of real bodies must never escape as an exception
    public void Fuzzed_bodies_never_throw()
    {
        string[] seeds =
        [
            SpecVectors.NewInstanceBody,
            SpecVectors.TenantSyncBody,
            """{"appId":"a","currentSyncTime":"20220420114117642","flag":1,"instanceId":"","tenantId":"t","testFlag":0,"timeStamp":"20220420114117642","userList":"[{\"userName\":\"u\",\"name\":\"n\",\"orgCode\":\"o\",\"role\":\"user\",\"enable\":\"true\"}]"}""",
            """{"instanceId":"i","orgInfoList":"[{orgCode:\"1\", orgName:\"A\"}]","tenantId":"t","testFlag":0,"timeStamp":"20220413093539534"}""",
            """{"activity":"changeInstanceCheck","instanceId":"i","productInfo":"{\"skuCode\":\"s\",\"linearValue\":2}"}""",
        ];
        var random = new Random(20240601);
        byte[] alphabet = "{}[]\":,\\0123456789.-+eEtrufalsn \u00ff"u8.ToArray();

        for (var i = 0; i < 4000; i++)
        {
            var body = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                body[random.Next(body.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var exception = Record.Exception(() =>
            {
                _ = ProduceRequestParser.TryParse<NewInstanceRequest>(body, out _, out _);
                _ = ProduceRequestParser.TryParse<TenantSyncRequest>(body, out _, out _);
                _ = ProduceRequestParser.TryParse<AuthSyncRequest>(body, out _, out _);
                _ = ProduceRequestParser.TryParse<AllOrgSyncRequest>(body, out _, out _);
                if (ProduceRequestParser.TryParse<ChangeInstanceCheckRequest>(body, out var check, out _))
                {
                    _ = check.TryGetProductInfo(out _);
                }
            });

            Assert.True(exception is null, $"{Encoding.UTF8.GetString(body)} threw {exception}");
        }
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.orderId", "orderId")]
    [InlineData("$.info[0].appInfo", "info[0].appInfo")]
    public void Json_paths_become_wire_field_names(string? path, string field) =>
        Assert.Equal(field, ProduceRequestParser.FieldFromPath(path));
}
