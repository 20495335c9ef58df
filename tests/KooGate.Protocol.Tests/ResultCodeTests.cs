namespace KooGate.Protocol.Tests;

public class ResultCodeTests
{
    [Fact]
    public void Every_code_is_six_digits_and_unique()
    {
        Assert.All(ResultCode.All, c => Assert.True(ResultCode.IsWellFormed(c.Code), c.Code));
        Assert.Equal(ResultCode.All.Count, ResultCode.All.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Standard_messages_follow_huaweis_sample()
    {
        Assert.Equal("success.", ResultCode.FromCode("000000").Message);
        Assert.Equal("000004", ResultCode.Processing.Code);
        Assert.False(ResultCode.Processing.IsSuccess);
        Assert.Equal("unknown result code", ResultCode.FromCode("123456").Message);
        Assert.Equal("000002 orderId is missing", ResultCode.InvalidParameter.WithMessage("orderId is missing").ToString());
        Assert.False(ResultCode.IsWellFormed("00000"));
    }
}
