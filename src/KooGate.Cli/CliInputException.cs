namespace KooGate.Cli;

/// <summary>Bad input from the command line: reported on stderr with exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);
