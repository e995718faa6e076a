using System.Collections.Immutable;
using Tahaluf.Domain.Partners;

namespace Tahaluf.Testing.Domain;

/// <summary>Builds partners; the default is member RU with names in ar, en, fr, ru and no signing key.</summary>
public sealed class PartnerBuilder
{
    private string _id = "RU";
    private ImmutableDictionary<string, string> _names = ImmutableDictionary<string, string>.Empty
        .Add("ar", "روسيا")
        .Add("en", "Russia")
        .Add("fr", "Russie")
        .Add("ru", "Россия");
    private PartnerRole _role = PartnerRole.Member;
    private ImmutableArray<byte> _key = ImmutableArray<byte>.Empty;

    public PartnerBuilder WithId(string id)
    {
        _id = id;
        return this;
    }

    public PartnerBuilder WithName(string language, string name)
    {
        _names = _names.SetItem(language, name);
        return this;
    }

    public PartnerBuilder WithNames(ImmutableDictionary<string, string> names)
    {
        _names = names;
        return this;
    }

    public PartnerBuilder Observer()
    {
        _role = PartnerRole.Observer;
        return this;
    }

    public PartnerBuilder WithRole(PartnerRole role)
    {
        _role = role;
        return this;
    }

    public PartnerBuilder WithSigningKey(byte[] publicKey)
    {
        _key = [.. publicKey];
        return this;
    }

    public Partner Build() => new(_id, _names, _role, _key);
}
