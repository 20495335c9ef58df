using System.CommandLine;
using KooGate.Protocol.Crypto;
using static KooGate.Cli.Commands.CommonOptions;

namespace KooGate.Cli.Commands;

/// <summary><c>koogate aes encrypt|decrypt</c>: V1 field encryption with the SHA1PRNG-derived key.</summary>
internal static class AesCommands
{
    public static Command Create(CliContext context) => new("aes", "V1 AES field encryption (16-char IV + Base64)")
    {
        Encrypt(context),
        Decrypt(context),
    };

    private static Option<int> Bits() => new("--bits")
    {
        Description = "AES key size: 256 (encryptType 1) or 128 (encryptType 2)",
        DefaultValueFactory = _ => 256,
    };

    private static EncryptType ParseBits(int bits) => bits switch
    {
        256 => EncryptType.Aes256,
        128 => EncryptType.Aes128,
        _ => throw new CliInputException($"--bits must be 256 or 128, not {bits}"),
    };

    private static Command Encrypt(CliContext context)
    {
        var key = Key();
        var bits = Bits();
        var iv = new Option<string>("--iv") { Description = "16 ASCII characters (random when omitted)" };
        var text = Required("--text", "the plaintext");
        var command = new Command("encrypt", Examples.Describe("encrypt a field value", "koogate aes encrypt --key $KEY --text \"initial-password\"", "koogate aes encrypt --key $KEY --bits 128 --text \"initial-password\"")) { key, bits, iv, text };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var type = ParseBits(result.GetValue(bits));
            var ivValue = result.GetValue(iv) ?? FieldCipher.RandomIv();
            if (ivValue.Length != FieldCipher.IvLength || !ivValue.All(char.IsAscii))
            {
                throw new CliInputException($"--iv must be exactly {FieldCipher.IvLength} ASCII characters");
            }

            context.Out.WriteLine(FieldCipher.Encrypt(result.GetValue(key)!, result.GetValue(text)!, type, ivValue));
            return KooGateCli.Ok;
        }));
        return command;
    }

    private static Command Decrypt(CliContext context)
    {
        var key = Key();
        var bits = Bits();
        var text = Required("--text", "the encrypted value (IV + Base64)");
        var command = new Command("decrypt", Examples.Describe("decrypt a field value", "koogate aes decrypt --key $KEY --text \"$ENCRYPTED\"")) { key, bits, text };
        command.SetAction(KooGateCli.Guard(context, result =>
        {
            var type = ParseBits(result.GetValue(bits));
            try
            {
                context.Out.WriteLine(FieldCipher.Decrypt(result.GetValue(key)!, result.GetValue(text)!, type));
            }
            catch (FieldCipherException e)
            {
                throw new CliInputException($"cannot decrypt: {e.Message}");
            }

            return KooGateCli.Ok;
        }));
        return command;
    }
}
