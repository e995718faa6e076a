namespace Tahaluf.Hub.Errors;

/// <summary>What kind of refusal an error is; the server maps each to one HTTP status.</summary>
public enum HubErrorKind
{
    /// <summary>The request is malformed or breaks a rule (400).</summary>
    Invalid = 1,

    /// <summary>The resource does not exist or is not visible to the caller (404: hidden and absent look the same).</summary>
    NotFound = 2,

    /// <summary>The caller is known but may not do this (403), e.g. an observer writing.</summary>
    Forbidden = 3,

    /// <summary>The <c>If-Match</c> version is stale (412).</summary>
    PreconditionFailed = 4,

    /// <summary>The request conflicts with the resource's state (409), e.g. reviving an ended item.</summary>
    Conflict = 5,
}
