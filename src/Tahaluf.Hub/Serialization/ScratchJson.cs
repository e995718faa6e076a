using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tahaluf.Hub.Serialization;

/// <summary>
/// Serializes small JSON documents through one reused buffer and writer per thread, then copies the result out
/// once (as a string or a byte array). A <see cref="Utf8JsonWriter"/> over a <see cref="MemoryStream"/> grows its
/// own buffer by doubling and the stream copies it again: several arrays per document, the largest share of what
/// the write path allocated per declaration. Re-entrant: a nested call while the thread's scratch is in use gets
/// a fresh one. Buffers that grew past <see cref="KeepLimit"/> (a large list) are not kept.
/// </summary>
public static class ScratchJson
{
    /// <summary>Largest buffer kept for reuse, in bytes.</summary>
    public const int KeepLimit = 256 * 1024;

    [ThreadStatic]
    private static Scratch? cached;

    /// <summary>Writes a document and returns its UTF-8 text as a string.</summary>
    /// <param name="write">Writes one complete JSON value.</param>
    /// <returns>The JSON text.</returns>
    public static string ToText(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var scratch = Take();
        try
        {
            write(scratch.Writer);
            scratch.Writer.Flush();
            return Encoding.UTF8.GetString(scratch.Buffer.WrittenSpan);
        }
        finally
        {
            Return(scratch);
        }
    }

    /// <summary>Writes a document and returns its UTF-8 bytes.</summary>
    /// <param name="write">Writes one complete JSON value.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] ToUtf8(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var scratch = Take();
        try
        {
            write(scratch.Writer);
            scratch.Writer.Flush();
            return scratch.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            Return(scratch);
        }
    }

    /// <summary>Takes the thread's scratch (or a fresh one); give it back with <see cref="Return"/>.</summary>
    /// <returns>A reset buffer and a writer over it.</returns>
    internal static Scratch Take()
    {
        var scratch = cached;
        if (scratch is null)
        {
            return new Scratch();
        }

        cached = null;
        return scratch;
    }

    /// <summary>Gives a scratch back for the thread's next document.</summary>
    /// <param name="scratch">What <see cref="Take"/> returned; not used afterwards.</param>
    internal static void Return(Scratch scratch)
    {
        if (scratch.Buffer.Capacity > KeepLimit)
        {
            return;
        }

        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch.Buffer);
        cached = scratch;
    }

    /// <summary>A buffer and a writer over it.</summary>
    internal sealed class Scratch
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(4096);

        public readonly Utf8JsonWriter Writer;

        public Scratch() => Writer = new Utf8JsonWriter(Buffer);
    }
}
