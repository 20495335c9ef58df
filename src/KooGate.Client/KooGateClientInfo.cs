namespace KooGate.Client;

/// <summary>Facts about this library that a caller may log or send.</summary>
public static class KooGateClientInfo
{
    /// <summary>The value this library sends as its <c>User-Agent</c> product token.</summary>
    public const string UserAgent = "KooGate.Client/1.0";
}
