using System.Security.Cryptography;
using KooGate.Protocol.Crypto;

namespace KooGate.Protocol.Tests.Crypto;

public class ClientSecretCipherTests
{
    private static readonly RSA Key = RSA.Create(3072);

    [Theory] // README decision 10
    [InlineData("sha256")]
    [InlineData("sha1")]
    public void Decrypts_either_oaep_hash(string hash)
    {
        var padding = hash == "sha256" ? RSAEncryptionPadding.OaepSHA256 : RSAEncryptionPadding.OaepSHA1;
        var encrypted = ClientSecretCipher.Encrypt(Key, "client-secret-Ω", padding);
        Assert.True(ClientSecretCipher.TryDecrypt(Key, encrypted, out var secret, out var used));
        Assert.Equal("client-secret-Ω", secret);
        Assert.Equal(padding, used);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused_without_exception(string? value) =>
        Assert.False(ClientSecretCipher.TryDecrypt(Key, value, out _, out _));

    [Fact]
    public void Pkcs1_ciphertext_is_not_accepted()
    {
        var encrypted = ClientSecretCipher.Encrypt(Key, "s", RSAEncryptionPadding.Pkcs1);
        Assert.False(ClientSecretCipher.TryDecrypt(Key, encrypted, out _, out _));
    }
}
