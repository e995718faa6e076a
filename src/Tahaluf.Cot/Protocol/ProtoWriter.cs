using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tahaluf.Cot.Protocol;

/// <summary>A minimal protobuf wire writer; proto3 defaults (empty strings, zeros) are omitted.</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Varint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    public void UInt(int field, ulong value)
    {
        if (value != 0)
        {
            Tag(field, 0);
            Varint(value);
        }
    }

    public void Double(int field, double value)
    {
        if (BitConverter.DoubleToInt64Bits(value) != 0)
        {
            Tag(field, 1);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), BitConverter.DoubleToInt64Bits(value));
            _buffer.Advance(8);
        }
    }

    public void String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Bytes(field, Encoding.UTF8.GetBytes(value));
        }
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, ProtoWriter nested)
    {
        if (nested.WrittenSpan.Length > 0)
        {
            Bytes(field, nested.WrittenSpan);
        }
    }
}
