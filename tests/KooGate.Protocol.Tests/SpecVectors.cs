namespace KooGate.Protocol.Tests;

/// <summary>The inputs shared by several vectors in ../shared/spec.</summary>
internal static class SpecVectors
{
    public const string TestAccessKey = "testAccessKey123";
    public const string TestKey0001 = "test-access-key-0001";
    public const string Nonce = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
    public const string Timestamp = "1680508066618";

    public const string NewInstanceBody =
        """{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}""";

    public const string TenantSyncBody =
        """{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc2018ab880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}""";

    public static DateTimeOffset TimestampInstant => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));
}
