namespace KooGate.Client.Tests;

public sealed class ClientInfoTests
{
    [Fact]
    public void The_user_agent_names_the_library_and_a_version()
    {
        Assert.Matches(@"^KooGate\.Client/\d+\.\d+$", KooGateClientInfo.UserAgent);
    }
}
