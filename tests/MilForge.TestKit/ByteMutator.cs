namespace MilForge.TestKit;

/// <summary>
/// Byte-level mutations for parser fuzz tests: bit flips, truncation, 0xFF and zero windows (huge and empty varints
/// and sizes), insertions, and single random bytes. Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class ByteMutator
{
    /// <summary>How many kinds of mutation <see cref="Mutate"/> knows.</summary>
    public const int Kinds = 6;

    /// <summary>A mutated copy of <paramref name="original"/> (the original is not changed).</summary>
    public static byte[] Mutate(byte[] original, int kind, Random random)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length == 0)
        {
            return [(byte)random.Next(256)];
        }
        switch (kind)
        {
            case 0: // flip a few random bits
                for (var k = 0; k < 1 + random.Next(4); k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case 1: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 2: // overwrite a window with 0xFF (huge varints and sizes)
                var at = random.Next(bytes.Length);
                bytes.AsSpan(at, Math.Min(8, bytes.Length - at)).Fill(0xFF);
                return bytes;
            case 3: // overwrite a window with zeros
                var zeroAt = random.Next(bytes.Length);
                bytes.AsSpan(zeroAt, Math.Min(8, bytes.Length - zeroAt)).Clear();
                return bytes;
            case 4: // insert random bytes
                var insertAt = random.Next(bytes.Length);
                var extra = new byte[1 + random.Next(16)];
                random.NextBytes(extra);
                return [.. bytes[..insertAt], .. extra, .. bytes[insertAt..]];
            default: // set one byte to a random value
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
        }
    }

    /// <summary>A seed stable across processes (string hash codes are not), shifted by MILFORGE_FUZZ_SEED.</summary>
    public static int Seed(string label) =>
        label.Aggregate(20261126, (h, ch) => (h * 31) + ch) + (int.TryParse(Environment.GetEnvironmentVariable("MILFORGE_FUZZ_SEED"), out var s) ? s : 0);
}
