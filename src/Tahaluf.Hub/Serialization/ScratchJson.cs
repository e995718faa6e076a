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
        using var lease = Rent();
        write(lease.Writer);
        return lease.ToText();
    }

    /// <summary>Writes a document and returns its UTF-8 bytes.</summary>
    /// <param name="write">Writes one complete JSON value.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] ToUtf8(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var lease = Rent();
        write(lease.Writer);
        return lease.ToArray();
    }

    /// <summary>The thread's writer (or a fresh one) until the lease is disposed; for writers that take spans.</summary>
    /// <returns>A writer over an empty buffer.</returns>
    public static Lease Rent()
    {
        var scratch = cached ?? new Scratch();
        cached = null;
        return new Lease(scratch);
    }

    /// <summary>A writer over a reused buffer; dispose it to give the buffer back to the thread.</summary>
    public ref struct Lease
    {
        private Scratch? _scratch;

        internal Lease(Scratch scratch) => _scratch = scratch;

        /// <summary>The writer.</summary>
        public readonly Utf8JsonWriter Writer => _scratch!.Writer;

        /// <summary>What was written, as UTF-8 bytes.</summary>
        /// <returns>A new array.</returns>
        public readonly byte[] ToArray()
        {
            _scratch!.Writer.Flush();
            return _scratch.Buffer.WrittenSpan.ToArray();
        }

        /// <summary>What was written, as a string.</summary>
        /// <returns>The text.</returns>
        public readonly string ToText()
        {
            _scratch!.Writer.Flush();
            return Encoding.UTF8.GetString(_scratch.Buffer.WrittenSpan);
        }

        /// <summary>Resets the writer and keeps the buffer for the thread's next document (unless it grew large).</summary>
        public void Dispose()
        {
            if (_scratch is { } scratch && scratch.Buffer.Capacity <= KeepLimit)
            {
                scratch.Buffer.ResetWrittenCount();
                scratch.Writer.Reset(scratch.Buffer);
                cached = scratch;
            }

            _scratch = null;
        }
    }

    /// <summary>A buffer and a writer over it.</summary>
    internal sealed class Scratch
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(4096);

        public readonly Utf8JsonWriter Writer;

        public Scratch() => Writer = new Utf8JsonWriter(Buffer);
    }
}
