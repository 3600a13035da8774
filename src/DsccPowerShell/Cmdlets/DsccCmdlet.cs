using System;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Threading;
using DsccPowerShell.Engine;
using DsccPowerShell.Engine.Http;
using DsccPowerShell.Engine.Storage;
using DsccPowerShell.Engine.Tasks;

namespace DsccPowerShell.Cmdlets
{
    /// <summary>
    /// What every cmdlet that calls the engine shares: cancellation on Ctrl+C, a call context that routes the
    /// engine's reports to Verbose, Debug and Warning, and one mapping from engine failures to ErrorRecords.
    /// </summary>
    public abstract class DsccCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Gets the cmdlet's name without the dash, such as GetDsccVolume, for error ids.</summary>
        protected string ErrorIdPrefix => MyInvocation.MyCommand.Name.Replace("-", string.Empty);

        /// <summary>Cancels whatever the engine is doing: a request, a retry wait or a task poll.</summary>
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Gets the per-request time limit this invocation asked for, if any.</summary>
        protected virtual TimeSpan? RequestTimeout => null;

        /// <summary>Matches -Name values; a value that is not a valid wildcard pattern stops the cmdlet.</summary>
        internal NameMatcher MatchNames(string[] names)
        {
            try
            {
                return new NameMatcher(names);
            }
            catch (InvalidNamePatternException ex)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException(ex.Message, ex),
                    ErrorIdPrefix + "InvalidWildcard",
                    ErrorCategory.InvalidArgument,
                    ex.Name));
                return null;
            }
        }

        /// <summary>Makes the engine's call context for this invocation.</summary>
        protected DsccCallContext CreateCallContext()
        {
            return new DsccCallContext(
                _stopping.Token,
                RequestTimeout,
                verbose: WriteVerbose,
                debug: IsDebugWanted() ? WriteDebug : (Action<string>)null,
                warning: WriteWarning);
        }

        /// <summary>
        /// Writes a non-terminating error for a failure of the engine; Ctrl+C and programming errors propagate.
        /// </summary>
        /// <param name="exception">The engine's failure.</param>
        /// <param name="target">What the failure is about, when the failure does not name a request.</param>
        /// <param name="whatIsKnown">A sentence added to the message, such as what DSCC had already accepted.</param>
        protected void WriteEngineError(Exception exception, object target, string whatIsKnown = null)
        {
            ErrorRecord record = CreateErrorRecord(exception, target);
            if (whatIsKnown != null)
            {
                record.ErrorDetails = new ErrorDetails(
                    (record.ErrorDetails?.Message ?? exception.Message) + " " + whatIsKnown);
            }

            WriteError(record);
        }

        /// <summary>Stops the cmdlet with an error for a failure of the engine.</summary>
        protected void ThrowEngineError(Exception exception, object target)
        {
            ThrowTerminatingError(CreateErrorRecord(exception, target));
        }

        /// <summary>Tells whether an exception is a failure the engine reports, rather than a bug.</summary>
        protected static bool IsEngineFailure(Exception exception) =>
            exception is DsccApiException ||
            exception is DsccTimeoutException ||
            exception is DsccConnectionException ||
            exception is DsccTaskFailedException ||
            exception is DsccUnsupportedDeviceTypeException ||
            exception is ArgumentException ||
            exception is InvalidOperationException;

        private ErrorRecord CreateErrorRecord(Exception exception, object target)
        {
            switch (exception)
            {
                case DsccApiException api:
                    return ApiErrorRecord(api);
                case DsccTimeoutException timeout:
                    return new ErrorRecord(
                        timeout,
                        ErrorIdPrefix + "Timeout",
                        ErrorCategory.OperationTimeout,
                        RequestTarget(timeout.Method, timeout.RequestUri));
                case DsccConnectionException connection:
                    return new ErrorRecord(
                        connection,
                        ErrorIdPrefix + "ConnectionFailed",
                        ErrorCategory.ConnectionError,
                        RequestTarget(connection.Method, connection.RequestUri));
                case DsccTaskFailedException task:
                    // One category for every refusal: DSCC's task error codes are not documented, so a duplicate
                    // name cannot be told from a missing pool but by the message.
                    return new ErrorRecord(task, ErrorIdPrefix + "TaskFailed", ErrorCategory.InvalidResult, target)
                    {
                        ErrorDetails = new ErrorDetails(task.Message),
                    };
                case DsccUnsupportedDeviceTypeException unsupported:
                    return new ErrorRecord(
                        unsupported,
                        ErrorIdPrefix + "UnsupportedDeviceType",
                        ErrorCategory.NotImplemented,
                        unsupported.SystemId);
                case ArgumentException argument:
                    return new ErrorRecord(
                        argument, ErrorIdPrefix + "InvalidArgument", ErrorCategory.InvalidArgument, target);
                default:
                    return new ErrorRecord(
                        exception, ErrorIdPrefix + "Failed", ErrorCategory.InvalidOperation, target);
            }
        }

        private ErrorRecord ApiErrorRecord(DsccApiException api)
        {
            MapStatus(api, out string problem, out ErrorCategory category);

            var record = new ErrorRecord(
                api, ErrorIdPrefix + problem, category, RequestTarget(api.Method.Method, api.RequestUri));
            string details = api.Message;
            if (api.ErrorCode != null || api.TraceId != null)
            {
                details += string.Format(
                    CultureInfo.CurrentCulture,
                    " (errorCode {0}, traceId {1})",
                    api.ErrorCode ?? "none",
                    api.TraceId ?? "none");
            }

            record.ErrorDetails = new ErrorDetails(details);
            return record;
        }

        /// <summary>Names a failed request as "GET https://host/path": never its query, headers or body.</summary>
        private static string RequestTarget(string method, Uri uri) => method + " " + uri.GetLeftPart(UriPartial.Path);

        private static void MapStatus(DsccApiException api, out string problem, out ErrorCategory category)
        {
            if (api is DsccAuthenticationException)
            {
                problem = "AuthenticationFailed";
                category = ErrorCategory.AuthenticationError;
                return;
            }

            int status = (int)api.StatusCode;
            switch (api.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    problem = "NotFound";
                    category = ErrorCategory.ObjectNotFound;
                    return;
                case HttpStatusCode.Forbidden:
                    problem = "PermissionDenied";
                    category = ErrorCategory.PermissionDenied;
                    return;
                case HttpStatusCode.Conflict:
                    problem = "Conflict";
                    category = ErrorCategory.ResourceExists;
                    return;
                case HttpStatusCode.BadRequest:
                case (HttpStatusCode)422:
                    problem = "BadRequest";
                    category = ErrorCategory.InvalidArgument;
                    return;
                case HttpStatusCode.ProxyAuthenticationRequired:
                    problem = "ProxyAuthenticationRequired";
                    category = ErrorCategory.AuthenticationError;
                    return;
                case (HttpStatusCode)429:
                    problem = "RateLimited";
                    category = ErrorCategory.LimitsExceeded;
                    return;
            }

            if (status >= 200 && status < 300)
            {
                // DSCC said yes, but not in a form the module can read: a proxy page, an empty body.
                problem = "InvalidResponse";
                category = ErrorCategory.InvalidResult;
                return;
            }

            problem = status >= 500 ? "ServiceError" : "HttpError";
            category = status >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidResult;
        }

        private bool IsDebugWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out object debug))
            {
                return debug is SwitchParameter switchValue ? switchValue.IsPresent : true;
            }

            object preference = GetVariableValue("DebugPreference");
            return preference is ActionPreference action && action != ActionPreference.SilentlyContinue;
        }
    }
}
