using System.Text;
using KooGate.Protocol.Json;
using KooGate.Protocol.Messages;
using KooGate.Protocol.Validation;

namespace KooGate.Protocol.Tests.Messages;

public class KitMessageTests
{
    // saas-v1-and-joint.md §5.1, in the doc's own key order.
    private const string TenantSyncDocBody =
        """{"instanceId":"huaiweitest123456","orderId":"CS1906666666ABCDE","tenantId":"68cbc86abc2018ab880d92f36422fa0e","tenantCode":"huawei","name":"huaiweitest","domainName":"https://example.tenantaccount.com","flag":1,"testFlag":0,"timeStamp":"20220413093539534"}""";

    // saas-v1-and-joint.md §5.3, the V1 example string (extension-nested fields, employeeType as a string).
    private const string V1UserListText =
        """[{"userName":"zhangsan01","name":"张三","position":"系统管理员","orgCode":"123456789","role":"admin","enable":"true","employeeCode":"","mobile":"","email":"","extension":{"entryDate":"2022-11-9","employeeType":"4","workPlace":"南京"}},{"userName":"lisi02","name":"李四","orgCode":"123456789","role":"user","enable":"false"}]""";

    [Fact]
    public void TenantSync_doc_body_parses_and_serialises_to_the_signed_canonical_payload()
    {
        Assert.True(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(TenantSyncDocBody), out var request, out var error), error?.ToString());

        Assert.Equal(KitFlags.Add, request.Flag);
        Assert.Equal(KitTestFlags.Real, request.TestFlag);
        Assert.False(request.IsTest);
        Assert.Equal("https://example.tenantaccount.com", request.DomainName);
        // saas-v2.md §2.3: the x-sign vector's payload is exactly this sorted, compact form.
        Assert.Equal(SpecVectors.TenantSyncBody, KooJson.Serialize(request));
        Assert.Equal(CanonicalJson.Canonicalize(TenantSyncDocBody), KooJson.Serialize(request));
    }

    [Fact]
    public void Kit_integers_are_also_read_from_strings_and_written_as_numbers()
    {
        var body = TenantSyncDocBody.Replace("\"flag\":1", "\"flag\":\"2\"", StringComparison.Ordinal)
            .Replace("\"testFlag\":0", "\"testFlag\":\"1\"", StringComparison.Ordinal);

        Assert.True(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());
        Assert.Equal(KitFlags.Modify, request.Flag);
        Assert.True(request.IsTest);
        Assert.Contains("\"flag\":2,", KooJson.Serialize(request), StringComparison.Ordinal);
    }

    [Fact] // saas-v1-and-joint.md §5: empty on app-credential application, but the key is mandatory
    public void Kit_instanceId_and_orderId_may_be_empty_but_not_missing()
    {
        var empty = TenantSyncDocBody.Replace("huaiweitest123456", "", StringComparison.Ordinal)
            .Replace("CS1906666666ABCDE", "", StringComparison.Ordinal);
        var missing = TenantSyncDocBody.Replace("\"instanceId\":\"huaiweitest123456\",", "", StringComparison.Ordinal);

        Assert.True(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(empty), out var request, out _));
        Assert.Equal("", request.InstanceId);
        Assert.False(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(missing), out _, out var error));
        Assert.Equal(new FieldError("instanceId", "is missing"), error);
    }

    [Theory]
    [InlineData("\"flag\":1", "\"flag\":5", "flag", "must be one of 0, 1, 2")]
    [InlineData("\"flag\":1", "\"flag\":\"add\"", "flag", "has an invalid value or type")]
    [InlineData("\"testFlag\":0", "\"testFlag\":2", "testFlag", "must be one of 0, 1")]
    [InlineData("\"timeStamp\":\"20220413093539534\"", "\"timeStamp\":\"2022-04-13\"", "timeStamp", "must be yyyyMMddHHmmssSSS (UTC+8, 17 digits)")]
    [InlineData(",\"flag\":1", "", "flag", "is missing")]
    public void TenantSync_field_problems_name_the_field(string from, string to, string field, string problem)
    {
        var body = TenantSyncDocBody.Replace(from, to, StringComparison.Ordinal);

        Assert.False(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(new FieldError(field, problem), error);
    }

    [Fact] // README decision 9: V1 sends userList as a string, V2 as an array
    public void AuthSync_reads_userList_as_array_and_as_string_alike()
    {
        var asString = AuthSyncBody(System.Text.Json.JsonSerializer.Serialize(V1UserListText));
        var asArray = AuthSyncBody(V1UserListText);

        Assert.True(ProduceRequestParser.TryParse<AuthSyncRequest>(Encoding.UTF8.GetBytes(asString), out var fromString, out var e1), e1?.ToString());
        Assert.True(ProduceRequestParser.TryParse<AuthSyncRequest>(Encoding.UTF8.GetBytes(asArray), out var fromArray, out var e2), e2?.ToString());

        Assert.Equal(KooJson.Serialize(fromArray), KooJson.Serialize(fromString));
        var zhang = fromString.UserList[0];
        Assert.Equal("张三", zhang.Name);
        Assert.True(zhang.IsAdmin);
        Assert.True(zhang.IsEnabled);
        Assert.Equal("2022-11-9", zhang.GetEntryDate());
        Assert.Equal(4, zhang.GetEmployeeType());
        Assert.Equal("南京", zhang.GetWorkPlace());
        Assert.False(fromString.UserList[1].IsEnabled);
        Assert.Equal(KitFlags.RevokeAuthorization, fromString.Flag);
    }

    [Fact]
    public void AuthSync_flat_V2_user_fields_take_precedence_and_serialise_as_an_array()
    {
        const string users = """[{"userName":"u1","name":"N","orgCode":"o","role":"user","enable":"true","employeeType":2,"workPlace":"Shenzhen","entryDate":"2023-1-2"}]""";

        Assert.True(ProduceRequestParser.TryParse<AuthSyncRequest>(Encoding.UTF8.GetBytes(AuthSyncBody(users)), out var request, out _));

        Assert.Equal(2, request.UserList[0].GetEmployeeType());
        Assert.Equal("Shenzhen", request.UserList[0].GetWorkPlace());
        Assert.Contains("\"userList\":[{\"userName\":\"u1\"", KooJson.Serialize(request), StringComparison.Ordinal);
    }

    [Fact]
    public void AuthSync_user_problems_inside_a_string_list_are_reported_with_their_index()
    {
        var users = V1UserListText.Replace("\"role\":\"user\"", "\"role\":\"owner\"", StringComparison.Ordinal);

        Assert.False(ProduceRequestParser.TryParse<AuthSyncRequest>(
            Encoding.UTF8.GetBytes(AuthSyncBody(System.Text.Json.JsonSerializer.Serialize(users))), out _, out var error));
        Assert.Equal(new FieldError("userList[1].role", "must be one of user, admin"), error);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("\"[{broken\"")]
    [InlineData("{\"userName\":\"u\"}")]
    public void AuthSync_rejects_a_userList_that_is_no_list(string userList)
    {
        Assert.False(ProduceRequestParser.TryParse<AuthSyncRequest>(Encoding.UTF8.GetBytes(AuthSyncBody(userList)), out _, out var error));
        Assert.Equal(new FieldError("userList", "has an invalid value or type"), error);
    }

    [Fact] // saas-v1-and-joint.md §5.5: the doc sends orgInfoList as a string with unquoted keys
    public void AllOrgSync_reads_orgInfoList_as_array_and_as_string_with_bare_keys()
    {
        const string array = """[{"orgCode":"00000001","orgName":"产品部","parentCode":"265789314"},{"orgCode":"265789314","orgName":"总部","parentCode":""}]""";
        const string docString = """
            "[{orgCode:\"00000001\", orgName:\"产品部\", parentCode:\"265789314\"}, {orgCode:\"265789314\", orgName:\"总部\", parentCode:\"\"}]"
            """;

        Assert.True(ProduceRequestParser.TryParse<AllOrgSyncRequest>(Encoding.UTF8.GetBytes(AllOrgSyncBody(array)), out var fromArray, out var e1), e1?.ToString());
        Assert.True(ProduceRequestParser.TryParse<AllOrgSyncRequest>(Encoding.UTF8.GetBytes(AllOrgSyncBody(docString)), out var fromString, out var e2), e2?.ToString());

        Assert.Equal(fromArray.OrgInfoList, fromString.OrgInfoList);
        Assert.Equal(2, fromString.OrgInfoList.Count);
        Assert.Equal("产品部", fromString.OrgInfoList[0].OrgName);
        Assert.Equal("265789314", fromString.OrgInfoList[0].ParentCode);
        Assert.Equal(KooJson.Serialize(fromArray), KooJson.Serialize(fromString));
        Assert.Contains("\"orgInfoList\":[{\"orgCode\":\"00000001\"", KooJson.Serialize(fromString), StringComparison.Ordinal);
    }

    [Fact]
    public void AllOrgSync_reports_a_department_without_orgName()
    {
        const string array = """[{"orgCode":"1","orgName":"A"},{"orgCode":"2"}]""";

        Assert.False(ProduceRequestParser.TryParse<AllOrgSyncRequest>(Encoding.UTF8.GetBytes(AllOrgSyncBody(array)), out _, out var error));
        Assert.Equal(new FieldError("orgInfoList[1].orgName", "is missing"), error);
    }

    [Fact] // saas-v1-and-joint.md §5.5: V1 orgInfo is a string and uses name instead of orgName
    public void AllOrgSyncV1_reads_orgInfo_with_name_and_writes_it_back_as_a_string()
    {
        const string body = """{"instanceId":"","orgInfo":"[{\"orgCode\":\"00000001\",\"name\":\"产品部\",\"parentCode\":\"265789314\"}]","tenantId":"t1","testFlag":0,"timeStamp":"20220413093539534"}""";

        Assert.True(ProduceRequestParser.TryParse<AllOrgSyncV1Request>(Encoding.UTF8.GetBytes(body), out var request, out var error), error?.ToString());

        Assert.Equal("产品部", request.OrgInfo[0].Name);
        var json = KooJson.Serialize(request);
        Assert.Contains("\"orgInfo\":\"[{", json, StringComparison.Ordinal);
        var back = KooJson.Deserialize<AllOrgSyncV1Request>(json)!;
        Assert.Equal(request.OrgInfo, back.OrgInfo);
    }

    [Fact] // saas-v1-and-joint.md §5.4: the doc example has a duplicated key and a trailing comma
    public void SingleOrgSync_doc_example_trailing_comma_is_tolerated_but_its_duplicate_key_is_refused()
    {
        const string body = """{"instanceId":"huaiweitest123456","tenantId":"68cbc86abc2018ab880d92f36422fa0e","orgCode":"10000","orgName":"开发部","parentCode":"","instanceId":"huaiweitest123456","flag":1,"testFlag":0,"timeStamp":"20220413093539534",}""";
        var once = body.Replace(""","instanceId":"huaiweitest123456",""", ",", StringComparison.Ordinal);

        Assert.False(ProduceRequestParser.TryParse<SingleOrgSyncRequest>(Encoding.UTF8.GetBytes(body), out _, out var refused));
        Assert.Equal(new FieldError("instanceId", "appears more than once"), refused);
        Assert.True(ProduceRequestParser.TryParse<SingleOrgSyncRequest>(Encoding.UTF8.GetBytes(once), out var request, out var error), error?.ToString());
        Assert.Equal("开发部", request.OrgName);
        Assert.Equal("", request.ParentCode);
    }

    [Fact] // saas-v1-and-joint.md §5.1: a delete names the tenant; what it was called does not matter any more
    public void TenantSync_delete_needs_only_the_keys_but_an_add_needs_the_tenant()
    {
        const string delete = """{"flag":0,"instanceId":"i","orderId":"o","tenantId":"t","testFlag":0,"timeStamp":"20220413093539534"}""";
        var add = delete.Replace("\"flag\":0", "\"flag\":1,\"name\":\"n\"", StringComparison.Ordinal);

        Assert.True(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(delete), out var request, out var error), error?.ToString());
        Assert.Equal(KitFlags.Delete, request.Flag);
        Assert.False(ProduceRequestParser.TryParse<TenantSyncRequest>(Encoding.UTF8.GetBytes(add), out _, out var refused));
        Assert.Equal(new FieldError("tenantCode", "is missing"), refused);
    }

    [Fact]
    public void AuthSync_delete_names_users_only_but_an_add_needs_each_users_role()
    {
        Assert.True(ProduceRequestParser.TryParse<AuthSyncRequest>(
            Encoding.UTF8.GetBytes(AuthSyncBody("""[{"userName":"u1"}]""").Replace("\"flag\":3", "\"flag\":0", StringComparison.Ordinal)), out _, out var error), error?.ToString());

        var add = AuthSyncBody("""[{"userName":"u1","name":"n","orgCode":"o","enable":"true"}]""").Replace("\"flag\":3", "\"flag\":1", StringComparison.Ordinal);
        Assert.False(ProduceRequestParser.TryParse<AuthSyncRequest>(Encoding.UTF8.GetBytes(add), out _, out var refused));
        Assert.Equal(new FieldError("userList[0].role", "is missing"), refused);
    }

    [Fact]
    public void SingleOrgSync_delete_needs_no_orgName()
    {
        const string delete = """{"flag":0,"instanceId":"i","orgCode":"1","tenantId":"t","testFlag":0,"timeStamp":"20220413093539534"}""";

        Assert.True(ProduceRequestParser.TryParse<SingleOrgSyncRequest>(Encoding.UTF8.GetBytes(delete), out _, out var error), error?.ToString());
        Assert.False(ProduceRequestParser.TryParse<SingleOrgSyncRequest>(
            Encoding.UTF8.GetBytes(delete.Replace("\"flag\":0", "\"flag\":2", StringComparison.Ordinal)), out _, out var refused));
        Assert.Equal(new FieldError("orgName", "is missing"), refused);
    }

    [Fact]
    public void ApplicationSync_requires_clientSecret()
    {
        const string body = """{"appId":"a","clientId":"c","flag":1,"instanceId":"","tenantId":"t","testFlag":1,"timeStamp":"20220413093539534"}""";

        Assert.False(ProduceRequestParser.TryParse<ApplicationSyncRequest>(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.Equal(new FieldError("clientSecret", "is missing"), error);
    }

    [Fact]
    public void Kit_paths()
    {
        Assert.Equal("/produceAPI/v2/tenantSync", KitInterfaces.V2Path(KitInterfaces.TenantSync));
        Assert.Equal("/produceAPI/allOrgSync", KitInterfaces.V1Path(KitInterfaces.AllOrgSync));
        Assert.Equal(5, KitInterfaces.All.Count);
    }

    private static string AuthSyncBody(string userListJson) =>
        $$"""{"appId":"app-1","currentSyncTime":"20220420114117642","flag":3,"instanceId":"ins-1","tenantId":"t-1","testFlag":1,"timeStamp":"20220420114117642","userList":{{userListJson}}}""";

    private static string AllOrgSyncBody(string orgInfoListJson) =>
        $$"""{"instanceId":"ins-1","orgInfoList":{{orgInfoListJson}},"tenantId":"t-1","testFlag":0,"timeStamp":"20220413093539534"}""";
}
