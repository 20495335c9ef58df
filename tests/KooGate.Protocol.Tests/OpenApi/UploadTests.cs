using System.Security.Cryptography;
using System.Text.Json;
using KooGate.Protocol.OpenApi;

namespace KooGate.Protocol.Tests.OpenApi;

public class UploadTests
{
    private const string Success = """{"error_code":"CBC.0000","error_msg":"Success"}""";

    [Fact]
    public async Task A_string_goes_as_the_json_part_of_a_signed_multipart_body()
    {
        using var fixture = new MarketplaceFixture("https://mkt.example.test/p/");
        fixture.Stub.Respond = _ => CannedResponse.Json(Success);

        var response = await fixture.Client.UploadStringAsync("evt/1 ü", "LICENSE-STRING-ÄÖ");

        Assert.Equal("CBC.0000", response.ErrorCode);
        var request = fixture.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/p/api/mkp-openapi-public/global/v1/market-event/evt%2F1%20%C3%BC/file", request.Url.AbsolutePath);
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        var part = Assert.Single(Multipart.Parse(request.ContentType!, request.Body));
        Assert.Equal("isvUpdateFileReq", part.Name);
        Assert.StartsWith("application/json", part.Headers["Content-Type"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(part.Content);
        Assert.Equal("CHARACTERS", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("LICENSE-STRING-ÄÖ", json.RootElement.GetProperty("characters").GetString());
        Assert.False(json.RootElement.TryGetProperty("sha256", out _));
    }

    [Fact]
    public async Task A_file_goes_as_the_file_part_with_its_sha256_in_the_json_part()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json(Success);
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);

        await fixture.Client.UploadFileAsync("evt-1", "license.lic", bytes);

        var request = fixture.Single;
        var parts = Multipart.Parse(request.ContentType!, request.Body);
        Assert.Equal(["file", "isvUpdateFileReq"], parts.Select(p => p.Name));
        Assert.Equal(bytes, parts[0].Content);
        Assert.Equal("license.lic", parts[0].Disposition.FileName!.Trim('"'));
        using var json = JsonDocument.Parse(parts[1].Content);
        Assert.Equal("FILE", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("license.lic", json.RootElement.GetProperty("file_name").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), json.RootElement.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Upload_business_codes_throw()
    {
        using var fixture = new MarketplaceFixture();
        fixture.Stub.Respond = _ => CannedResponse.Json("""{"error_code":"91381037","error_msg":"Invalid license format"}""");

        var e = await Assert.ThrowsAsync<MarketplaceApiException>(() => fixture.Client.UploadStringAsync("evt-1", "x"));

        Assert.Equal("91381037", e.ErrorCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task Oversized_or_missing_inputs_are_refused_before_sending()
    {
        using var fixture = new MarketplaceFixture();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.UploadStringAsync("evt-1", new string('a', 1025)));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.UploadStringAsync("evt-1", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.UploadStringAsync(new string('e', 65), "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.UploadFileAsync("evt-1", "", new byte[1]));
        await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Client.UploadFileAsync("evt-1", "big.bin", new byte[MarketplaceClient.MaxUploadFileBytes + 1]));
        Assert.Empty(fixture.Stub.Requests);
    }
}
