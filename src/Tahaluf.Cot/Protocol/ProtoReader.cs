namespace Tahaluf.Cot.Protocol;

/// <summary>A bounds-checked protobuf wire reader over a span; every read reports failure instead of throwing.</summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                return false;
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return shift < 63 || b <= 1;
            }
        }

        return false;
    }

    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (!TryReadVarint(out var tag) || tag > int.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return field > 0;
    }

    public bool TryReadDouble(out double value)
    {
        value = 0;
        if (_data.Length - _position < 8)
        {
            return false;
        }

        value = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(_position, 8)));
        _position += 8;
        return true;
    }

    public bool TryReadBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_data.Length - _position))
        {
            return false;
        }

        bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    public bool TrySkip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                return TryReadVarint(out _);
            case 1:
                if (_data.Length - _position < 8)
                {
                    return false;
                }

                _position += 8;
                return true;
            case 2:
                return TryReadBytes(out _);
            case 5:
                if (_data.Length - _position < 4)
                {
                    return false;
                }

                _position += 4;
                return true;
            default:
                return false;
        }
    }
}
