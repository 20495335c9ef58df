using System.Text;
using KooGate.Protocol.Crypto;

namespace KooGate.Protocol.Tests.Crypto;

public class FieldCipherTests
{
    [Theory] // saas-v2.md §2.5, saas-v1-and-joint.md §2.9
    [InlineData("testAccessKey123", 32, "0413c5de84a4312c10f237cf102c14f909635c067f68c442f5d9aa865fb0d176")]
    [InlineData("testAccessKey123", 16, "0413c5de84a4312c10f237cf102c14f9")]
    [InlineData("a", 32, "667f407de7c6ad07358fa38daed7828a72014b4e621d7140210c8cf1565a8f02")]
    [InlineData("test-access-key-0001", 32, "fa32b243c1eeb23e93357bb8be8ec84903d6395e4f1ccb2379a1666d99a6ab9f")]
    [InlineData("test-access-key-0001", 16, "fa32b243c1eeb23e93357bb8be8ec849")]
    public void Sha1prng_key_matches_spec_vectors(string seed, int length, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Sha1Prng.Derive(Encoding.UTF8.GetBytes(seed), length)));

    [Fact]
    public void Sha1prng_is_a_stream_whose_prefixes_agree()
    {
        var longer = Sha1Prng.Derive("seed"u8, 100);
        Assert.Equal(longer[..32], Sha1Prng.Derive("seed"u8, 32));
        Assert.Equal(longer[..41], Sha1Prng.Derive("seed"u8, 41));
    }

    [Theory] // saas-v2.md §2.5, saas-v1-and-joint.md §2.9
    [InlineData("testAccessKey123", EncryptType.Aes256, "0123456789abcdef", "15905222222", "0123456789abcdefpTSyOaKf048QAD4+da3ubw==")]
    [InlineData("testAccessKey123", EncryptType.Aes128, "0123456789abcdef", "15905222222", "0123456789abcdefPFDjY/djRJ3uBqbp4NUJlQ==")]
    [InlineData("testAccessKey123", EncryptType.Aes256, "AbCdEf0123456789", "Huawei12345", "AbCdEf0123456789pVOWfjGaOhr06k3VAHD/og==")]
    [InlineData("test-access-key-0001", EncryptType.Aes256, "abcdefghijklmnop", "13800000000", "abcdefghijklmnopIj1jUWgfKTflPi0LjnUkNg==")]
    [InlineData("test-access-key-0001", EncryptType.Aes128, "abcdefghijklmnop", "13800000000", "abcdefghijklmnopAqHnJvhS40WTrh3Qm3ACJg==")]
    public void Encrypt_and_decrypt_match_spec_vectors(string key, EncryptType type, string iv, string plain, string expected)
    {
        Assert.Equal(expected, FieldCipher.Encrypt(key, plain, type, iv));
        Assert.Equal(plain, FieldCipher.Decrypt(key, expected, type));
    }

    [Fact]
    public void Random_iv_round_trips_non_ascii_text()
    {
        var value = FieldCipher.Encrypt("k", "管理员 admin@例子.com", EncryptType.Aes128);
        Assert.Equal("管理员 admin@例子.com", FieldCipher.Decrypt("k", value, EncryptType.Aes128));
        Assert.True(value[..16].All(char.IsAsciiLetterOrDigit));
        Assert.Equal(FieldCipher.EncryptedLength("管理员 admin@例子.com"), value.Length);
    }

    [Theory]
    [InlineData("0123456789abcdefpTSyOaKf048QAD4+da3u")]
    [InlineData("0123456789abcdefpTSyOaKf048QAD4")]
    [InlineData("0123456789abcdef")]
    [InlineData("short")]
    [InlineData("0123456789abcdef!!notbase64!!")]
    public void Truncated_or_malformed_values_throw_a_clear_error(string value) =>
        Assert.Throws<FieldCipherException>(() => FieldCipher.Decrypt("testAccessKey123", value));

    [Fact]
    public void Wrong_key_does_not_silently_decrypt()
    {
        var value = FieldCipher.Encrypt("right", "13800000000", EncryptType.Aes256, "0123456789abcdef");
        var ex = Record.Exception(() => FieldCipher.Decrypt("wrong", value));
        Assert.True(ex is FieldCipherException || FieldCipher.Decrypt("wrong", value) != "13800000000");
    }

    [Fact]
    public void Unknown_size_decrypts_with_256_then_128()
    {
        var value = FieldCipher.Encrypt("k", "user@example.com", EncryptType.Aes128, "ABCDEFGHIJKLMNOP");
        Assert.True(FieldCipher.TryDecryptAnySize("k", value, out var plain, out var used));
        Assert.Equal("user@example.com", plain);
        Assert.Equal(EncryptType.Aes128, used);
        Assert.False(FieldCipher.TryDecryptAnySize("k", "ABCDEFGHIJKLMNOPxx", out _, out _));
    }

    [Fact] // saas-v1-and-joint.md §2.4: plaintext ≤ 79 UTF-8 bytes keeps the wire value within 128
    public void Encrypted_length_limit_arithmetic()
    {
        Assert.Equal(124, FieldCipher.EncryptedLength(new string('a', 79)));
        Assert.True(FieldCipher.EncryptedLength(new string('a', 80)) > 128);
    }

    [Fact]
    public void Encrypt_type_wire_values()
    {
        Assert.Equal("1", FieldCipher.WireValue(EncryptType.Aes256));
        Assert.Equal("2", FieldCipher.WireValue(EncryptType.Aes128));
        Assert.True(FieldCipher.TryParseWireValue("2", out var t) && t == EncryptType.Aes128);
        Assert.False(FieldCipher.TryParseWireValue("3", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldCipher.FromBits(192));
        Assert.Throws<ArgumentException>(() => FieldCipher.Encrypt("k", "x", EncryptType.Aes256, "short"));
    }
}
