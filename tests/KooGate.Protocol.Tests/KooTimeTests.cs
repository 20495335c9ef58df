namespace KooGate.Protocol.Tests;

public class KooTimeTests
{
    [Fact]
    public void Parses_14_and_17_digit_utc()
    {
        Assert.True(KooTime.TryParseUtcDigits("20221124023618", out var t14));
        Assert.Equal(new DateTimeOffset(2022, 11, 24, 2, 36, 18, TimeSpan.Zero), t14);
        Assert.True(KooTime.TryParseUtcDigits("20221124023618256", out var t17));
        Assert.Equal(new DateTimeOffset(2022, 11, 24, 2, 36, 18, 256, TimeSpan.Zero), t17);
        Assert.Equal("20221124023618256", KooTime.ToUtc17(t17));
        Assert.Equal("20221124023618", KooTime.ToUtc14(t17));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2022112402361")]
    [InlineData("202211240236182")]
    [InlineData("20221324023618")]
    [InlineData("2022112402361x")]
    [InlineData("２０２２１１２４０２３６１８")]
    public void Rejects_malformed_digits(string? value) => Assert.False(KooTime.TryParseUtcDigits(value, out _));

    [Fact] // saas-v2.md §3.8: Kit timeStamp is UTC+8
    public void Kit_timestamp_is_china_time()
    {
        Assert.True(KooTime.TryParseChinaDigits("20220413093539534", out var t));
        Assert.Equal(new DateTimeOffset(2022, 4, 13, 1, 35, 39, 534, TimeSpan.Zero), t);
        Assert.Equal("20220413093539534", KooTime.ToChina17(t));
    }

    [Fact]
    public void Sdk_date_and_epoch_ms()
    {
        var t = new DateTimeOffset(2019, 11, 15, 3, 36, 55, TimeSpan.Zero);
        Assert.Equal("20191115T033655Z", KooTime.ToSdkDate(t));
        Assert.True(KooTime.TryParseSdkDate("20191115T033655Z", out var parsed));
        Assert.Equal(t, parsed);
        Assert.False(KooTime.TryParseSdkDate("2019-11-15T03:36:55Z", out _));
        Assert.Equal("1680508066618", KooTime.ToEpochMilliseconds(DateTimeOffset.FromUnixTimeMilliseconds(1680508066618)));
        Assert.False(KooTime.TryParseEpochMilliseconds("1.5", out _));
    }
}
