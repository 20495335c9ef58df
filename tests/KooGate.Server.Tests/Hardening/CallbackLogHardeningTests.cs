using System.Net.Http.Headers;
using System.Text;
using KooGate.Server.Tests.Infrastructure;
using KooGate.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace KooGate.Server.Tests.Hardening;

/// <summary>Every call reaches the callback log whatever its body, unsigned bodies are capped, personal data redacted.</summary>
public sealed class CallbackLogHardeningTests : IDisposable
{
    private readonly KooGateHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>The one callback-log entry: it is committed just after the answer is sent.</summary>
    private static async Task<Data.CallbackLog> LoggedAsync(Data.KooGateDbContext db)
    {
        await Eventually.UntilAsync(() => db.CallbackLogs.AnyAsync(), "the callback log entry");
        return await db.CallbackLogs.AsNoTracking().SingleAsync();
    }

    private async Task<HttpResponseMessage> PostUnsignedAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _host.Http.PostAsync(path + "?signature=00&timestamp=1&nonce=n", content);
    }

    [Theory]
    [InlineData("/produce", """{"activity":"releaseInstance","instanceId":"a","instanceId":"b"}""")]
    [InlineData("/produce", """{"activity":"releaseInstance","instanceId":"\uD800"}""")]
    [InlineData("/produce", """{"activity":"releaseInstance","password":"p","password":"q"}""")]
    [InlineData("/produce/produceAPI/v2/tenantSync", """{"tenantId":"\uD800","tenantId":"x"}""")]
    [InlineData("/produce/produceAPI/tenantSync", """{"tenantId":"\uDFFF\u0000","tenantId":"x"}""")]
    public async Task Calls_with_repeated_keys_or_lone_surrogates_are_recorded(string path, string body)
    {
        var response = await PostUnsignedAsync(path, Encoding.UTF8.GetBytes(body));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await using var db = _host.OpenDb();
        var logged = await LoggedAsync(db);
        Assert.NotNull(logged.RequestBody);
        Assert.Contains(body.Contains("tenantId", StringComparison.Ordinal) ? "tenantId" : "activity", logged.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\"", logged.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_megabyte_keeps_only_a_few_kilobytes_in_the_log()
    {
        var body = Encoding.UTF8.GetBytes("{\"activity\":\"newInstance\",\"pad\":\"" + new string('x', (1 << 20) - 64) + "\"}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await PostUnsignedAsync("/produce", body)).StatusCode);

        await using var db = _host.OpenDb();
        var logged = await LoggedAsync(db);
        Assert.InRange(logged.RequestBody!.Length, 100, 4200);
    }

    [Fact]
    public async Task Kit_v1_user_list_sent_as_a_string_is_stored_without_mobile_or_email()
    {
        var users = """[{"userName":"zhangsan01","name":"张三","orgCode":"1","role":"admin","enable":"true","mobile":"13800000000","email":"z@example.com"}]""";
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            instanceId = "inst-1",
            tenantId = "tenant-1",
            appId = "app-1",
            userList = users,
            currentSyncTime = "20220413093539534",
            flag = 1,
            testFlag = 0,
            timeStamp = Protocol.KooTime.ToChina17(_host.Clock.GetUtcNow()),
        });
        var reply = await new V1MarketplaceClient(_host).KitAsync("authSync", body);
        Assert.True(reply.ResultCode == "000000", reply.Body);

        await using var db = _host.OpenDb();
        var logged = await LoggedAsync(db);
        Assert.Contains("zhangsan01", logged.RequestBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000000", logged.RequestBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("z@example.com", logged.RequestBody!, StringComparison.Ordinal);
    }
}
