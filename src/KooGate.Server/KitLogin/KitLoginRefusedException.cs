namespace KooGate.Server.KitLogin;

/// <summary>A sign-in KooGate refuses; <see cref="Exception.Message"/> is shown to the user on the refusal page.</summary>
public sealed class KitLoginRefusedException(string message, Exception? inner = null) : Exception(message, inner);
