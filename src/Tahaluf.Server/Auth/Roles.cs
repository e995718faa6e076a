namespace Tahaluf.Server.Auth;

/// <summary>Role names.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Member = "member";
    public const string Observer = "observer";
}
