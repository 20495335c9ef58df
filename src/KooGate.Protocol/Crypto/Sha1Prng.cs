using System.Security.Cryptography;

namespace KooGate.Protocol.Crypto;

/// <summary>
/// Java's Sun <c>SHA1PRNG</c> seeded before first use, which makes it deterministic. Huawei's AES helper derives its
/// key as <c>KeyGenerator("AES").init(bits, SHA1PRNG.setSeed(key))</c>, so the AES key is this generator's first
/// bits/8 bytes, not the key string (saas-v2.md §2.5).
/// </summary>
public static class Sha1Prng
{
    public static byte[] Derive(ReadOnlySpan<byte> seed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var state = SHA1.HashData(seed);
        var output = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var block = SHA1.HashData(state);
            var take = Math.Min(block.Length, length - filled);
            block.AsSpan(0, take).CopyTo(output.AsSpan(filled));
            filled += take;
            UpdateState(state, block);
        }

        return output;
    }

    /// <summary>
    /// state = state + output + 1, byte by byte from index 0 with Java's signed-byte arithmetic (the carry can be
    /// negative, so this is not plain unsigned addition); if no byte changed, state[0]++.
    /// </summary>
    private static void UpdateState(byte[] state, byte[] output)
    {
        var carry = 1;
        var changed = false;
        for (var i = 0; i < state.Length; i++)
        {
            var sum = (sbyte)state[i] + (sbyte)output[i] + carry;
            var next = unchecked((byte)sum);
            changed |= state[i] != next;
            state[i] = next;
            carry = sum >> 8;
        }

        if (!changed)
        {
            state[0]++;
        }
    }
}
