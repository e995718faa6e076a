using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tahaluf.Hub.Errors;

namespace Tahaluf.Server.Problems;

/// <summary>RFC 9457 problem details with the stable <c>code</c> (and <c>field</c>) of every refusal.</summary>
public static class ProblemResults
{
    /// <summary>The HTTP status of an error kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The status code.</returns>
    public static int Status(HubErrorKind kind) => kind switch
    {
        HubErrorKind.Invalid => StatusCodes.Status400BadRequest,
        HubErrorKind.NotFound => StatusCodes.Status404NotFound,
        HubErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        HubErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        HubErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A problem result for a hub error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static IResult From(HubError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(Status(error.Kind), error.Code, error.Message, error.Field);
    }

    /// <summary>A problem result.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="code">Stable code.</param>
    /// <param name="detail">Explanation.</param>
    /// <param name="field">Offending field or null.</param>
    /// <returns>The result.</returns>
    public static IResult Create(int status, string code, string detail, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrases.GetReasonPhrase(status),
            Detail = detail,
            Type = "https://tahaluf.dev/problems/" + code,
        };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return TypedResults.Problem(problem);
    }
}
